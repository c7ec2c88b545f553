package dev.slbcert.tls;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads one private key from PEM: PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY})
 * or PKCS#8 ({@code PRIVATE KEY}). Only RSA and EC keys are accepted, as SLB accepts.
 */
public final class PemPrivateKeyParser {
  private PemPrivateKeyParser() {}

  public static PrivateKey parse(String pem) throws InvalidCertificateException {
    Object parsed = firstKeyObject(pem);
    if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new InvalidCertificateException(
          CertificateProblem.ENCRYPTED_PRIVATE_KEY,
          "the private key is encrypted with a passphrase; SLB needs an unencrypted key");
    }
    PrivateKeyInfo info;
    if (parsed instanceof PEMKeyPair pair) {
      info = withCurveFromPublicKey(pair);
    } else if (parsed instanceof PrivateKeyInfo keyInfo) {
      info = keyInfo;
    } else {
      throw new InvalidCertificateException(
          CertificateProblem.NO_PRIVATE_KEY, "no PEM private key block found");
    }
    requireSupportedAlgorithm(info);
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      throw new InvalidCertificateException(
          CertificateProblem.MALFORMED_PRIVATE_KEY, "the private key could not be decoded");
    }
  }

  /** A SEC1 key may name its curve only beside the public key; carry it to the private key. */
  private static PrivateKeyInfo withCurveFromPublicKey(PEMKeyPair pair) throws InvalidCertificateException {
    PrivateKeyInfo info = pair.getPrivateKeyInfo();
    if (info.getPrivateKeyAlgorithm().getParameters() != null || pair.getPublicKeyInfo() == null) {
      return info;
    }
    try {
      return new PrivateKeyInfo(pair.getPublicKeyInfo().getAlgorithm(), info.parsePrivateKey());
    } catch (IOException e) {
      throw new InvalidCertificateException(CertificateProblem.MALFORMED_PRIVATE_KEY, "the private key could not be decoded");
    }
  }

  private static Object firstKeyObject(String pem) throws InvalidCertificateException {
    if (pem == null || pem.isBlank()) {
      throw new InvalidCertificateException(
          CertificateProblem.NO_PRIVATE_KEY, "no PEM private key block found");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair
            || o instanceof PrivateKeyInfo
            || o instanceof PEMEncryptedKeyPair
            || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          return o;
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      throw new InvalidCertificateException(
          CertificateProblem.MALFORMED_PRIVATE_KEY,
          "the private key PEM is malformed or of an unsupported kind (only RSA and EC keys are accepted)");
    }
  }

  private static void requireSupportedAlgorithm(PrivateKeyInfo info)
      throws InvalidCertificateException {
    var algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (!algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)
        && !algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      throw new InvalidCertificateException(
          CertificateProblem.UNSUPPORTED_KEY_TYPE,
          "unsupported private key algorithm (OID " + algorithm.getId()
              + "); SLB accepts RSA and EC keys only");
    }
  }
}
