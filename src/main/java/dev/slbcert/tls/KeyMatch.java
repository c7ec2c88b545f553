package dev.slbcert.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/** Whether a private key belongs to a certificate's public key. */
final class KeyMatch {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyMatch() {}

  /**
   * An RSA key in CRT form (what PKCS#1 and PKCS#8 files hold) matches when it carries the public
   * key's modulus and exponent and its primes and private exponent agree with them: arithmetic
   * that costs microseconds, where a trial signature costs milliseconds of modular exponentiation
   * (most of the operator's CPU time during a cold start). Other keys make a trial signature.
   */
  static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    if (key instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey pub && rsa.getPublicExponent() != null
        && rsa.getPublicExponent().signum() > 0) {
      return rsa.getModulus().equals(pub.getModulus()) && rsa.getPublicExponent().equals(pub.getPublicExponent()) && consistent(rsa);
    }
    return signs(key, publicKey);
  }

  /** n = p·q, and e·d ≡ 1 modulo p−1 and q−1: the private exponent inverts the public one. */
  private static boolean consistent(RSAPrivateCrtKey k) {
    BigInteger p = k.getPrimeP();
    BigInteger q = k.getPrimeQ();
    if (p == null || q == null || p.signum() <= 0 || q.signum() <= 0 || !p.multiply(q).equals(k.getModulus())) {
      return false;
    }
    BigInteger ed = k.getPublicExponent().multiply(k.getPrivateExponent());
    return ed.mod(p.subtract(BigInteger.ONE)).equals(BigInteger.ONE) && ed.mod(q.subtract(BigInteger.ONE)).equals(BigInteger.ONE);
  }

  /** Proves possession: a signature made with the private key verifies with the public key. */
  private static boolean signs(PrivateKey key, PublicKey publicKey) {
    String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
