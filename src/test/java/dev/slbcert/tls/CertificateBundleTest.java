package dev.slbcert.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CertificateBundleTest {

  @Test
  void readsRsaCertificateWithPkcs1Key() throws Exception {
    Issued issued = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair(), "shop.example.com", "www.shop.example.com");
    assertThat(issued.traditionalKeyPem()).contains(TestCertificates.header("RSA PRIVATE KEY"));

    CertificateDetails details = CertificateBundle.parse(issued.certificatePem(), issued.traditionalKeyPem()).details();

    assertThat(details.commonName()).isEqualTo("shop.example.com");
    assertThat(details.subjectAlternativeNames()).containsExactly("shop.example.com", "www.shop.example.com");
    assertThat(details.keyAlgorithm()).isEqualTo("RSA");
    assertThat(details.keyLength()).isEqualTo(2048);
    assertThat(details.notAfter()).isEqualTo(issued.certificate().getNotAfter().toInstant());
    assertThat(details.chainLength()).isEqualTo(1);
  }

  @Test
  void readsRsaCertificateWithPkcs8Key() throws Exception {
    Issued issued = TestCertificates.selfSigned("pkcs8.example.com", TestCertificates.rsaKeyPair());
    assertThat(issued.pkcs8KeyPem()).contains(TestCertificates.header("PRIVATE KEY"));

    assertThat(CertificateBundle.parse(issued.certificatePem(), issued.pkcs8KeyPem()).details().commonName()).isEqualTo("pkcs8.example.com");
  }

  @Test
  void readsEcKeysInSec1AndPkcs8() throws Exception {
    Issued issued = TestCertificates.selfSigned("ec.example.com", TestCertificates.ecKeyPair());
    assertThat(issued.traditionalKeyPem()).contains(TestCertificates.header("EC PRIVATE KEY"));

    CertificateDetails fromSec1 = CertificateBundle.parse(issued.certificatePem(), issued.traditionalKeyPem()).details();
    CertificateDetails fromPkcs8 = CertificateBundle.parse(issued.certificatePem(), issued.pkcs8KeyPem()).details();

    assertThat(fromSec1.keyAlgorithm()).isEqualTo("EC");
    assertThat(fromSec1.keyLength()).isEqualTo(256);
    assertThat(fromPkcs8).isEqualTo(fromSec1);
  }

  @Test
  void fingerprintIsSha1OfDerInLowerCaseColonPairs() throws Exception {
    Issued issued = TestCertificates.selfSigned("fp.example.com", TestCertificates.rsaKeyPair());
    String expected = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-1").digest(issued.certificate().getEncoded()));

    String fingerprint = CertificateBundle.parse(issued.certificatePem(), issued.pkcs8KeyPem()).details().fingerprint();

    assertThat(fingerprint).isEqualTo(expected).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
  }

  @Test
  void acceptsLeafFirstChainAndDescribesTheLeaf() throws Exception {
    Issued issued = TestCertificates.chainOfThree("chain.example.com", "chain.example.com");

    CertificateBundle bundle = CertificateBundle.parse(issued.chainPem(), issued.pkcs8KeyPem());

    assertThat(bundle.chain()).hasSize(3);
    assertThat(bundle.details().chainLength()).isEqualTo(3);
    assertThat(bundle.details().commonName()).isEqualTo("chain.example.com");
    assertThat(bundle.details().fingerprint()).isEqualTo(CertificateBundle.fingerprint(issued.certificate()));
  }

  @Test
  void rejectsChainWithIntermediateFirst() {
    Issued issued = TestCertificates.chainOfThree("order.example.com");
    String wrongOrder = TestCertificates.pem(issued.issuers().get(0)) + issued.certificatePem() + TestCertificates.pem(issued.issuers().get(1));

    assertThatThrownBy(() -> CertificateBundle.parse(wrongOrder, issued.pkcs8KeyPem()))
        .isInstanceOfSatisfying(InvalidCertificateException.class, e -> assertThat(e.problem()).isEqualTo(CertificateProblem.CHAIN_ORDER))
        .hasMessageContaining("put the server (leaf) certificate first");
  }

  @Test
  void rejectsChainWhoseIssuersAreShuffled() {
    Issued issued = TestCertificates.chainOfThree("shuffle.example.com");
    String shuffled = issued.certificatePem() + TestCertificates.pem(issued.issuers().get(1)) + TestCertificates.pem(issued.issuers().get(0));

    assertThatThrownBy(() -> CertificateBundle.parse(shuffled, issued.pkcs8KeyPem()))
        .isInstanceOfSatisfying(InvalidCertificateException.class, e -> assertThat(e.problem()).isEqualTo(CertificateProblem.CHAIN_ORDER));
  }

  @Test
  void rejectsKeyOfAnotherCertificate() {
    Issued issued = TestCertificates.selfSigned("a.example.com", TestCertificates.rsaKeyPair());
    KeyPair other = TestCertificates.ecKeyPair();

    assertProblem(issued.certificatePem(), TestCertificates.pkcs8(other.getPrivate()), CertificateProblem.KEY_MISMATCH);
  }

  @Test
  void rejectsRsaKeyOfTheSameSizeThatDoesNotMatch() {
    Issued issued = TestCertificates.selfSigned("b.example.com", TestCertificates.rsaKeyPair());
    KeyPair other = TestCertificates.newRsaKeyPair();

    assertProblem(issued.certificatePem(), TestCertificates.pkcs8(other.getPrivate()), CertificateProblem.KEY_MISMATCH);
  }

  @Test
  void rejectsAnRsaKeyThatCarriesTheCertificatesModulusButAnotherPrivateExponent() throws Exception {
    KeyPair keys = TestCertificates.rsaKeyPair();
    Issued issued = TestCertificates.selfSigned("c.example.com", keys);
    var real = (java.security.interfaces.RSAPrivateCrtKey) keys.getPrivate();
    var forged = java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.RSAPrivateCrtKeySpec(real.getModulus(),
        real.getPublicExponent(), real.getPrivateExponent().add(java.math.BigInteger.TWO), real.getPrimeP(), real.getPrimeQ(),
        real.getPrimeExponentP(), real.getPrimeExponentQ(), real.getCrtCoefficient()));

    assertProblem(issued.certificatePem(), TestCertificates.pkcs8(forged), CertificateProblem.KEY_MISMATCH);
    assertProblem(issued.certificatePem(), TestCertificates.traditional(forged), CertificateProblem.KEY_MISMATCH);
  }

  @Test
  void rejectsAnRsaKeyWhosePrimesDoNotMakeTheModulus() throws Exception {
    KeyPair keys = TestCertificates.rsaKeyPair();
    Issued issued = TestCertificates.selfSigned("d.example.com", keys);
    var real = (java.security.interfaces.RSAPrivateCrtKey) keys.getPrivate();
    var other = (java.security.interfaces.RSAPrivateCrtKey) TestCertificates.newRsaKeyPair().getPrivate();
    var forged = java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.RSAPrivateCrtKeySpec(real.getModulus(),
        real.getPublicExponent(), other.getPrivateExponent(), other.getPrimeP(), other.getPrimeQ(), other.getPrimeExponentP(),
        other.getPrimeExponentQ(), other.getCrtCoefficient()));

    assertProblem(issued.certificatePem(), TestCertificates.pkcs8(forged), CertificateProblem.KEY_MISMATCH);
  }

  @Test
  void rejectsEncryptedKeysOfBothFormats() {
    Issued issued = TestCertificates.selfSigned("enc.example.com", TestCertificates.rsaKeyPair());

    assertProblem(issued.certificatePem(), TestCertificates.encryptedPkcs8(issued.keyPair().getPrivate(), "secret"), CertificateProblem.ENCRYPTED_PRIVATE_KEY);
    assertProblem(issued.certificatePem(), TestCertificates.encryptedTraditional(issued.keyPair().getPrivate(), "secret"), CertificateProblem.ENCRYPTED_PRIVATE_KEY);
  }

  @Test
  void rejectsDsaKeyAsUnsupported() {
    KeyPair dsa = TestCertificates.dsaKeyPair();
    Issued issued = TestCertificates.selfSigned("rsa.example.com", TestCertificates.rsaKeyPair());

    assertProblem(issued.certificatePem(), TestCertificates.pkcs8(dsa.getPrivate()), CertificateProblem.UNSUPPORTED_KEY_TYPE);
  }

  @Test
  void rejectsGarbageAndMissingParts() {
    Issued issued = TestCertificates.selfSigned("g.example.com", TestCertificates.rsaKeyPair());

    assertProblem("hello world", issued.pkcs8KeyPem(), CertificateProblem.NO_CERTIFICATE);
    assertProblem("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n", issued.pkcs8KeyPem(), CertificateProblem.MALFORMED_CERTIFICATE);
    assertProblem(issued.certificatePem(), "", CertificateProblem.NO_PRIVATE_KEY);
    assertProblem(issued.certificatePem(), issued.certificatePem(), CertificateProblem.NO_PRIVATE_KEY);
    assertProblem(issued.certificatePem(), TestCertificates.pemBlock("PRIVATE KEY", "bm90IGEga2V5"), CertificateProblem.MALFORMED_PRIVATE_KEY);
  }

  @Test
  void errorMessagesNeverQuoteTheKey() {
    Issued issued = TestCertificates.selfSigned("m.example.com", TestCertificates.rsaKeyPair());
    String otherKey = TestCertificates.pkcs8(TestCertificates.newRsaKeyPair().getPrivate());
    String body = otherKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

    assertThatThrownBy(() -> CertificateBundle.parse(issued.certificatePem(), otherKey))
        .hasMessageNotContaining(body.substring(0, 20))
        .hasMessageNotContaining("BEGIN");
  }

  @Test
  void reportsValidityWindowForExpiryChecks() throws Exception {
    Instant from = Instant.parse("2020-01-01T00:00:00Z");
    Instant to = Instant.parse("2021-01-01T00:00:00Z");
    Issued issued = TestCertificates.selfSigned("old.example.com", TestCertificates.rsaKeyPair(), from, to);

    CertificateDetails details = CertificateBundle.parse(issued.certificatePem(), issued.pkcs8KeyPem()).details();

    assertThat(details.isExpiredAt(Instant.parse("2022-01-01T00:00:00Z"))).isTrue();
    assertThat(details.isExpiredAt(Instant.parse("2020-06-01T00:00:00Z"))).isFalse();
    assertThat(details.isNotYetValidAt(Instant.parse("2019-06-01T00:00:00Z"))).isTrue();
  }

  private static void assertProblem(String certificatePem, String keyPem, CertificateProblem expected) {
    assertThatThrownBy(() -> CertificateBundle.parse(certificatePem, keyPem))
        .isInstanceOfSatisfying(InvalidCertificateException.class, e -> assertThat(e.problem()).isEqualTo(expected));
  }
}
