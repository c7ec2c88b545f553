package dev.slbcert.tls;

/**
 * A certificate or private key that cannot be used. The message names the problem and never
 * contains PEM or key material.
 */
public class InvalidCertificateException extends Exception {
  private final CertificateProblem problem;

  public InvalidCertificateException(CertificateProblem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public CertificateProblem problem() {
    return problem;
  }
}
