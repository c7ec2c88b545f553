package dev.slbcert.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Every limit on what a Secret may hand the operator, and what a refusal costs: each test prints
 * the time the refusal took (a figure, not an assertion).
 */
class InputLimitsTest {
  private static final Issued GOOD = TestCertificates.selfSigned("limits.example.com", TestCertificates.rsaKeyPair());

  @Test
  void aCertificatePemOverItsLimitIsRefusedBeforeItIsParsed() {
    String large = GOOD.certificatePem() + "x".repeat(InputLimits.MAX_CERTIFICATE_PEM_BYTES);

    InvalidCertificateException e = refusal("tls.crt over 64 KiB", () -> check(large, GOOD.pkcs8KeyPem()));

    assertThat(e.problem()).isEqualTo(CertificateProblem.TOO_LARGE);
    assertThat(e.getMessage()).contains("tls.crt").contains("the limit is 64 KiB");
  }

  @Test
  void aKeyPemOverItsLimitIsRefusedBeforeItIsParsed() {
    String large = GOOD.pkcs8KeyPem() + "x".repeat(InputLimits.MAX_KEY_PEM_BYTES);

    InvalidCertificateException e = refusal("tls.key over 16 KiB", () -> check(GOOD.certificatePem(), large));

    assertThat(e.problem()).isEqualTo(CertificateProblem.TOO_LARGE);
    assertThat(e.getMessage()).contains("tls.key").contains("the limit is 16 KiB");
  }

  @Test
  void aChainLongerThanTenCertificatesIsRefusedBeforeAnyIsDecoded() {
    Issued deep = TestCertificates.chainOfDepth("deep.example.com", InputLimits.MAX_CHAIN_LENGTH);

    InvalidCertificateException e = refusal("chain of 11", () -> check(deep.chainPem(), deep.pkcs8KeyPem()));

    assertThat(e.problem()).isEqualTo(CertificateProblem.TOO_LARGE);
    assertThat(e.getMessage()).contains("11 certificates").contains("the limit is 10");
    Issued ten = TestCertificates.chainOfDepth("ten.example.com", InputLimits.MAX_CHAIN_LENGTH - 1);
    assertThat(catchThrowableOfType(() -> check(ten.chainPem(), ten.pkcs8KeyPem()), InvalidCertificateException.class)).isNull();
  }

  @Test
  void theCraftedKeyOfSixteenThousandBitsWithOnlyNAndDBesideALongChainCostsMilliseconds() throws Exception {
    String crafted = TestCertificates.pkcs8(nonCrtKey(new BigInteger(16384, new SecureRandom()).setBit(16383).setBit(0)));
    Issued chain = TestCertificates.chainOfDepth("crafted.example.com", 300);

    InvalidCertificateException withChain = refusal("16384-bit n,d key beside 300 certificates", () -> check(chain.chainPem(), crafted));
    InvalidCertificateException alone = refusal("16384-bit n,d key beside one certificate", () -> check(GOOD.certificatePem(), crafted));

    assertThat(withChain.problem()).isEqualTo(CertificateProblem.TOO_LARGE);
    assertThat(alone.problem()).isEqualTo(CertificateProblem.UNSUPPORTED_KEY_SIZE);
    assertThat(alone.getMessage()).contains("16384 bits").contains("1024 to 4096");
  }

  @Test
  void anRsaKeyWithoutItsCrtPartsIsRefusedEvenWithTheRightModulus() throws Exception {
    BigInteger modulus = ((RSAPublicKey) GOOD.certificate().getPublicKey()).getModulus();
    String crafted = TestCertificates.pkcs8(nonCrtKey(modulus));

    InvalidCertificateException e = refusal("2048-bit key without CRT parts", () -> check(GOOD.certificatePem(), crafted));

    assertThat(e.problem()).isEqualTo(CertificateProblem.MALFORMED_PRIVATE_KEY);
    assertThat(e.getMessage()).contains("CRT");
  }

  @Test
  void aCertificateWhoseKeyIsSmallerThanSlbTakesIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(768);
    KeyPair small = generator.generateKeyPair();
    Issued weak = TestCertificates.selfSigned("weak.example.com", small);

    InvalidCertificateException e = refusal("768-bit certificate key", () -> check(weak.certificatePem(), weak.pkcs8KeyPem()));

    assertThat(e.problem()).isEqualTo(CertificateProblem.UNSUPPORTED_KEY_SIZE);
    assertThat(e.getMessage()).contains("the certificate's key").contains("768 bits");
  }

  @Test
  void anEcKeyIsMatchedToTheLeafByItsPublicPoint() {
    Issued ec = TestCertificates.selfSigned("ec.example.com", TestCertificates.ecKeyPair());
    Issued other = TestCertificates.selfSigned("other.example.com", TestCertificates.ecKeyPair());

    assertThat(catchThrowableOfType(() -> check(ec.certificatePem(), ec.pkcs8KeyPem()), InvalidCertificateException.class)).isNull();
    InvalidCertificateException e = refusal("EC key of another certificate", () -> check(ec.certificatePem(), other.pkcs8KeyPem()));
    assertThat(e.problem()).isEqualTo(CertificateProblem.KEY_MISMATCH);
  }

  @Test
  void anRsaKeyOfAnotherCertificateIsAMismatch() {
    Issued other = TestCertificates.selfSigned("other.example.com", TestCertificates.newRsaKeyPair());

    InvalidCertificateException e = refusal("RSA key of another certificate", () -> check(GOOD.certificatePem(), other.pkcs8KeyPem()));

    assertThat(e.problem()).isEqualTo(CertificateProblem.KEY_MISMATCH);
  }

  /** What the operator does with a Secret's PEM: the limits, then the bundle's checks. */
  private static void check(String certificatePem, String keyPem) throws InvalidCertificateException {
    InputLimits.require(certificatePem, keyPem);
    CertificateBundle.parse(certificatePem, keyPem);
  }

  /** A PKCS#8 RSA key holding only n and d: a JDK reads it as a key without CRT parts. */
  private static java.security.PrivateKey nonCrtKey(BigInteger modulus) throws Exception {
    BigInteger d = new BigInteger(modulus.bitLength() - 1, new SecureRandom());
    return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(modulus, d));
  }

  private interface Check {
    void run() throws InvalidCertificateException;
  }

  private static InvalidCertificateException refusal(String what, Check check) {
    long start = System.nanoTime();
    InvalidCertificateException e = catchThrowableOfType(check::run, InvalidCertificateException.class);
    System.out.printf("refusal of %s: %.2f ms%n", what, (System.nanoTime() - start) / 1e6);
    assertThat(e).as("refused: " + what).isNotNull();
    return e;
  }
}
