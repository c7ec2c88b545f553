package dev.slbcert.tls;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys SLB takes, checked before any arithmetic on them: RSA of 1,024 to 4,096 bits, and EC on
 * the curves TLS servers use (P-256, P-384, P-521). A larger or stranger key is refused at once,
 * so that its size cannot buy it CPU time.
 */
public final class KeyLimits {
  public static final int RSA_MIN_BITS = 1024;
  public static final int RSA_MAX_BITS = 4096;
  /** The curves SLB takes: P-256, P-384 and P-521. */
  private static final List<EllipticCurve> CURVES = Stream.of("secp256r1", "secp384r1", "secp521r1").map(KeyLimits::curve).toList();

  private KeyLimits() {}

  private static EllipticCurve curve(String name) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(name));
      return parameters.getParameterSpec(ECParameterSpec.class).getCurve();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM does not know curve " + name, e);
    }
  }

  /** Refuses a key (of a certificate or the private key) SLB would not take; {@code what} names it in the message. */
  static void require(Key key, String what) throws InvalidCertificateException {
    if (key instanceof RSAKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
        throw new InvalidCertificateException(CertificateProblem.UNSUPPORTED_KEY_SIZE, what + " is an RSA key of " + bits
            + " bits; SLB takes RSA keys of " + RSA_MIN_BITS + " to " + RSA_MAX_BITS + " bits");
      }
      if (key instanceof RSAPrivateKey && !(key instanceof RSAPrivateCrtKey)) {
        throw new InvalidCertificateException(CertificateProblem.MALFORMED_PRIVATE_KEY, what
            + " is an RSA key without its CRT parameters (primes and exponents); export it again as PKCS#1 (openssl rsa -traditional)");
      }
      return;
    }
    if (key instanceof ECKey ec) {
      if (!CURVES.contains(ec.getParams().getCurve())) {
        throw new InvalidCertificateException(CertificateProblem.UNSUPPORTED_KEY_SIZE, what + " is an EC key on a curve of "
            + ec.getParams().getCurve().getField().getFieldSize() + " bits other than P-256, P-384 and P-521; SLB takes EC keys on those only");
      }
      return;
    }
    throw new InvalidCertificateException(CertificateProblem.UNSUPPORTED_KEY_TYPE, what + " uses the " + key.getAlgorithm()
        + " algorithm; SLB takes RSA and EC keys only");
  }
}
