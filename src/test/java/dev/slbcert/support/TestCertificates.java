package dev.slbcert.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Keys and certificates made at test time; nothing here is ever committed as PEM. */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
  private static KeyPair cachedRsa;

  private TestCertificates() {}

  /** A certificate with its key and the issuers above it (leaf first). */
  public record Issued(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {
    public String certificatePem() {
      return pem(certificate);
    }

    /** Leaf then issuers, as tls.crt holds them. */
    public String chainPem() {
      StringBuilder sb = new StringBuilder(pem(certificate));
      issuers.forEach(i -> sb.append(pem(i)));
      return sb.toString();
    }

    public String pkcs8KeyPem() {
      return TestCertificates.pkcs8(keyPair.getPrivate());
    }

    /** PKCS#1 for RSA, SEC1 for EC ("traditional" OpenSSL format). */
    public String traditionalKeyPem() {
      return TestCertificates.traditional(keyPair.getPrivate());
    }
  }

  /** A shared RSA-2048 key pair (RSA generation is slow; tests that need distinct keys use {@link #newRsaKeyPair()}). */
  public static synchronized KeyPair rsaKeyPair() {
    if (cachedRsa == null) {
      cachedRsa = newRsaKeyPair();
    }
    return cachedRsa;
  }

  public static KeyPair newRsaKeyPair() {
    return generate("RSA", 2048);
  }

  public static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair dsaKeyPair() {
    return generate("DSA", 2048);
  }

  /** A self-signed certificate valid from an hour ago for 90 days. */
  public static Issued selfSigned(String commonName, KeyPair keys, String... dnsNames) {
    Instant now = Instant.now();
    return selfSigned(commonName, keys, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), dnsNames);
  }

  public static Issued selfSigned(String commonName, KeyPair keys, Instant notBefore, Instant notAfter, String... dnsNames) {
    X509Certificate cert = build(commonName, keys, commonName, keys.getPrivate(), notBefore, notAfter, false, dnsNames);
    return new Issued(cert, keys, List.of());
  }

  /** A leaf issued by an intermediate issued by a root: a chain of three. */
  public static Issued chainOfThree(String commonName, String... dnsNames) {
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofHours(1));
    Instant to = now.plus(Duration.ofDays(90));
    KeyPair rootKeys = ecKeyPair();
    KeyPair intermediateKeys = ecKeyPair();
    KeyPair leafKeys = rsaKeyPair();
    X509Certificate root = build("Test Root CA", rootKeys, "Test Root CA", rootKeys.getPrivate(), from, to, true);
    X509Certificate intermediate = build("Test Intermediate CA", intermediateKeys, "Test Root CA", rootKeys.getPrivate(), from, to, true);
    X509Certificate leaf = build(commonName, leafKeys, "Test Intermediate CA", intermediateKeys.getPrivate(), from, to, false, dnsNames);
    return new Issued(leaf, leafKeys, List.of(intermediate, root));
  }

  /** A leaf under {@code depth} CA certificates, each issued by the next (the last is a root). */
  public static Issued chainOfDepth(String commonName, int depth) {
    Instant from = Instant.now().minus(Duration.ofHours(1));
    Instant to = Instant.now().plus(Duration.ofDays(90));
    KeyPair[] keys = new KeyPair[depth];
    for (int i = 0; i < depth; i++) {
      keys[i] = ecKeyPair();
    }
    java.util.List<X509Certificate> issuers = new java.util.ArrayList<>();
    for (int i = 0; i < depth; i++) {
      String issuer = i + 1 < depth ? "CA " + (i + 1) : "CA " + i;
      PrivateKey issuerKey = i + 1 < depth ? keys[i + 1].getPrivate() : keys[i].getPrivate();
      issuers.add(build("CA " + i, keys[i], issuer, issuerKey, from, to, true));
    }
    KeyPair leafKeys = ecKeyPair();
    X509Certificate leaf = build(commonName, leafKeys, "CA 0", keys[0].getPrivate(), from, to, false);
    return new Issued(leaf, leafKeys, issuers);
  }

  /** A PEM block of any type around any base64 (for malformed-input tests); the header is assembled here. */
  public static String pemBlock(String type, String base64) {
    return header(type) + "\n" + base64 + "\n-----END " + type + "-----\n";
  }

  /** {@code -----BEGIN <type>-----}, assembled so that no source file holds a literal key header. */
  public static String header(String type) {
    return "-----BEGIN " + type + "-----";
  }

  public static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  public static String pkcs8(PrivateKey key) {
    try {
      return pem(new JcaPKCS8Generator(key, null).generate());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#1 for RSA; for EC, SEC1 with the curve named inside, as OpenSSL writes it. */
  public static String traditional(PrivateKey key) {
    if (!"EC".equals(key.getAlgorithm())) {
      return pem(key);
    }
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters());
      return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#8 {@code ENCRYPTED PRIVATE KEY}. */
  public static String encryptedPkcs8(PrivateKey key, String passphrase) {
    try {
      OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(new org.bouncycastle.asn1.ASN1ObjectIdentifier(JceOpenSSLPKCS8EncryptorBuilder.AES_256_CBC))
          .setProvider(new BouncyCastleProvider()).setPassword(passphrase.toCharArray()).build();
      PemObject object = new JcaPKCS8Generator(key, encryptor).generate();
      return pem(object);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Traditional OpenSSL encryption ({@code Proc-Type: 4,ENCRYPTED}). */
  public static String encryptedTraditional(PrivateKey key, String passphrase) {
    try {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        writer.writeObject(new JcaMiscPEMGenerator(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider()).build(passphrase.toCharArray())));
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, int size) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      g.initialize(size, new SecureRandom());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate build(String subjectCn, KeyPair subjectKeys, String issuerCn, PrivateKey issuerKey,
      Instant notBefore, Instant notAfter, boolean ca, String... dnsNames) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          new X500Name("CN=" + issuerCn + ",O=slbcert tests"), BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
          new X500Name("CN=" + subjectCn + ",O=slbcert tests"), subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (dnsNames.length > 0) {
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
          names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      String signature = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
