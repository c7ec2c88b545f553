package dev.slbcert.tls;

/**
 * How much a Secret may hand the operator, checked before anything is parsed: every check here
 * costs a scan of at most {@value #MAX_CERTIFICATE_PEM_BYTES} characters.
 */
public final class InputLimits {
  /** tls.crt: a chain of {@value #MAX_CHAIN_LENGTH} large certificates fits in it several times over. */
  public static final int MAX_CERTIFICATE_PEM_BYTES = 64 * 1024;
  /** tls.key: a 4,096-bit RSA key in PEM takes about 3.3 KiB. */
  public static final int MAX_KEY_PEM_BYTES = 16 * 1024;
  /** The leaf and its intermediates; real chains have two to four. */
  public static final int MAX_CHAIN_LENGTH = 10;
  private static final String CERTIFICATE_HEADER = "-----BEGIN CERTIFICATE-----";

  private InputLimits() {}

  /** Refuses PEM text beyond the limits; names the limit in the message. */
  public static void require(String certificatePem, String privateKeyPem) throws InvalidCertificateException {
    requireSize(certificatePem, MAX_CERTIFICATE_PEM_BYTES, "tls.crt");
    requireSize(privateKeyPem, MAX_KEY_PEM_BYTES, "tls.key");
    int certificates = 0;
    for (int at = certificatePem.indexOf(CERTIFICATE_HEADER); at >= 0; at = certificatePem.indexOf(CERTIFICATE_HEADER, at + 1)) {
      certificates++;
    }
    if (certificates > MAX_CHAIN_LENGTH) {
      throw new InvalidCertificateException(CertificateProblem.TOO_LARGE, "tls.crt holds " + certificates + " certificates; the limit is "
          + MAX_CHAIN_LENGTH + " (the server certificate and its intermediates)");
    }
  }

  private static void requireSize(String pem, int limit, String what) throws InvalidCertificateException {
    if (pem.length() > limit) {
      throw new InvalidCertificateException(CertificateProblem.TOO_LARGE, what + " is " + kib(pem.length()) + " KiB; the limit is "
          + kib(limit) + " KiB");
    }
  }

  private static String kib(long bytes) {
    return bytes % 1024 == 0 ? String.valueOf(bytes / 1024) : String.format("%.1f", bytes / 1024.0);
  }
}
