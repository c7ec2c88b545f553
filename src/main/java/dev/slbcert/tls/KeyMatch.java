package dev.slbcert.tls;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Whether a private key belongs to a certificate's public key, by arithmetic alone: never a trial
 * signature, whose cost a crafted key can make seconds long. Each check costs microseconds (RSA)
 * to about a millisecond (EC), for the key sizes {@link KeyLimits} lets through.
 */
final class KeyMatch {
  private KeyMatch() {}

  /**
   * An RSA key matches when it carries the public key's modulus and exponent and its primes and
   * private exponent agree with them (n = p·q, e·d ≡ 1 modulo p−1 and q−1); an EC key when its
   * private scalar times the curve's generator is the public point.
   */
  static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
    if (key instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey pub) {
      return rsa.getModulus().equals(pub.getModulus()) && rsa.getPublicExponent() != null && rsa.getPublicExponent().equals(pub.getPublicExponent())
          && consistent(rsa);
    }
    if (key instanceof ECPrivateKey ec && publicKey instanceof ECPublicKey pub) {
      return publicPoint(ec).equals(pub.getW()) && ec.getParams().getCurve().equals(pub.getParams().getCurve());
    }
    return false;
  }

  /** Whether a private key and a public key share their public part (a modulus, a point): for saying which certificate of a chain the key belongs to. */
  static boolean samePublicPart(PrivateKey key, PublicKey publicKey) {
    if (key instanceof RSAPrivateKey rsa && publicKey instanceof RSAPublicKey pub) {
      return rsa.getModulus().equals(pub.getModulus());
    }
    if (key instanceof ECPrivateKey ec && publicKey instanceof ECPublicKey pub) {
      return ec.getParams().getCurve().equals(pub.getParams().getCurve()) && publicPoint(ec).equals(pub.getW());
    }
    return false;
  }

  private static boolean consistent(RSAPrivateCrtKey k) {
    BigInteger p = k.getPrimeP();
    BigInteger q = k.getPrimeQ();
    if (p == null || q == null || p.signum() <= 0 || q.signum() <= 0 || !p.multiply(q).equals(k.getModulus())) {
      return false;
    }
    BigInteger ed = k.getPublicExponent().multiply(k.getPrivateExponent());
    return ed.mod(p.subtract(BigInteger.ONE)).equals(BigInteger.ONE) && ed.mod(q.subtract(BigInteger.ONE)).equals(BigInteger.ONE);
  }

  /** d·G on the key's curve. */
  private static ECPoint publicPoint(ECPrivateKey key) {
    ECCurve curve = EC5Util.convertCurve(key.getParams().getCurve());
    org.bouncycastle.math.ec.ECPoint generator = EC5Util.convertPoint(curve, key.getParams().getGenerator());
    org.bouncycastle.math.ec.ECPoint w = new FixedPointCombMultiplier().multiply(generator, key.getS().mod(key.getParams().getOrder())).normalize();
    return new ECPoint(w.getAffineXCoord().toBigInteger(), w.getAffineYCoord().toBigInteger());
  }
}
