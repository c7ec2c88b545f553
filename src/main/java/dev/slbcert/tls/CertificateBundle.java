package dev.slbcert.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A checked certificate chain with its private key: the leaf comes first, every certificate is
 * issued by the next one, and the key belongs to the leaf. The keys are of a kind and size SLB
 * takes ({@link KeyLimits}), checked before any arithmetic on them, and the key is matched to the
 * leaf by arithmetic alone ({@link KeyMatch}).
 */
public final class CertificateBundle {

  private final List<X509Certificate> chain;
  private final CertificateDetails details;

  private CertificateBundle(List<X509Certificate> chain, CertificateDetails details) {
    this.chain = List.copyOf(chain);
    this.details = details;
  }

  /** Parses and checks a PEM chain and its PEM private key. */
  public static CertificateBundle parse(String certificatePem, String privateKeyPem)
      throws InvalidCertificateException {
    List<X509Certificate> chain = PemCertificateParser.parseChain(certificatePem);
    KeyLimits.require(chain.get(0).getPublicKey(), "the certificate's key");
    PrivateKey key = PemPrivateKeyParser.parse(privateKeyPem);
    KeyLimits.require(key, "the private key");
    requireKeyMatches(chain, key);
    requireLeafFirstOrder(chain);
    return new CertificateBundle(chain, describe(chain));
  }

  /** Describes a PEM chain without a key (for certificates that are only read). */
  public static CertificateDetails describe(String certificatePem)
      throws InvalidCertificateException {
    return describe(PemCertificateParser.parseChain(certificatePem));
  }

  public CertificateDetails details() {
    return details;
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public List<X509Certificate> chain() {
    return chain;
  }

  /** SHA-1 of the DER certificate as SLB prints it: {@code ab:cd:...}. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withLowerCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  private static CertificateDetails describe(List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    PublicKey publicKey = leaf.getPublicKey();
    return new CertificateDetails(
        fingerprint(leaf),
        commonName(leaf),
        subjectAlternativeNames(leaf),
        leaf.getNotBefore().toInstant(),
        leaf.getNotAfter().toInstant(),
        publicKey.getAlgorithm(),
        keyLength(publicKey),
        chain.size());
  }

  private static void requireKeyMatches(List<X509Certificate> chain, PrivateKey key)
      throws InvalidCertificateException {
    if (KeyMatch.belongsTo(key, chain.get(0).getPublicKey())) {
      return;
    }
    for (int i = 1; i < chain.size(); i++) {
      if (KeyMatch.samePublicPart(key, chain.get(i).getPublicKey())) {
        throw new InvalidCertificateException(
            CertificateProblem.CHAIN_ORDER,
            "the private key belongs to certificate " + (i + 1)
                + " of the bundle; put the server (leaf) certificate first, then its issuers");
      }
    }
    throw new InvalidCertificateException(
        CertificateProblem.KEY_MISMATCH, "the private key does not match the certificate");
  }

  private static void requireLeafFirstOrder(List<X509Certificate> chain)
      throws InvalidCertificateException {
    for (int i = 0; i + 1 < chain.size(); i++) {
      if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
        throw new InvalidCertificateException(
            CertificateProblem.CHAIN_ORDER,
            "certificate " + (i + 2) + " of the bundle did not issue certificate " + (i + 1)
                + "; order the chain leaf first, then each issuer");
      }
    }
  }

  private static String commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return "";
    }
    return "";
  }

  private static List<String> subjectAlternativeNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      var entries = certificate.getSubjectAlternativeNames();
      if (entries == null) {
        return names;
      }
      for (List<?> entry : entries) {
        int type = (Integer) entry.get(0);
        if (type == 2 || type == 7) { // dNSName, iPAddress
          names.add(String.valueOf(entry.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      return names;
    }
    return names;
  }

  private static int keyLength(PublicKey key) {
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    return 0;
  }
}
