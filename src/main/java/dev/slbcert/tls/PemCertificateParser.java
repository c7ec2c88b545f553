package dev.slbcert.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads the {@code CERTIFICATE} blocks of a PEM bundle into X.509 certificates. */
public final class PemCertificateParser {
  private PemCertificateParser() {}

  /**
   * Parses every certificate of a PEM bundle, in the order given.
   *
   * @throws InvalidCertificateException when there is no certificate or one does not decode
   */
  public static List<X509Certificate> parseChain(String pem) throws InvalidCertificateException {
    List<X509Certificate> chain = new ArrayList<>();
    CertificateFactory factory = x509Factory();
    for (PemObject block : readBlocks(pem)) {
      if (!"CERTIFICATE".equals(block.getType())) {
        continue;
      }
      try {
        chain.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
      } catch (CertificateException | RuntimeException e) {
        throw new InvalidCertificateException(
            CertificateProblem.MALFORMED_CERTIFICATE,
            "certificate " + (chain.size() + 1) + " of the bundle is not a valid X.509 certificate");
      }
    }
    if (chain.isEmpty()) {
      throw new InvalidCertificateException(
          CertificateProblem.NO_CERTIFICATE, "no PEM CERTIFICATE block found");
    }
    return chain;
  }

  static List<PemObject> readBlocks(String pem) throws InvalidCertificateException {
    List<PemObject> blocks = new ArrayList<>();
    if (pem == null) {
      return blocks;
    }
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
        blocks.add(block);
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle reports bad base64 as an IOException or a DecoderException.
      throw new InvalidCertificateException(
          CertificateProblem.MALFORMED_CERTIFICATE, "the PEM text is malformed (bad base64 or an unterminated block)");
    }
    return blocks;
  }

  private static CertificateFactory x509Factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JVM has no X.509 certificate factory", e);
    }
  }
}
