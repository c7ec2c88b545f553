package dev.slbcert.slb.aliyun;

import dev.slbcert.slb.*;

import static dev.slbcert.support.SlbEmulatorExtension.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.support.SlbEmulatorExtension;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import dev.slbcert.tls.CertificateBundle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AliyunSlbClientCertificateTest {
  @RegisterExtension static final SlbEmulatorExtension SLB = new SlbEmulatorExtension();

  private final AliyunSlbClient client = SLB.client();

  @Test
  void uploadReturnsWhatTheCertificateSays() throws Exception {
    Issued issued = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair(), "shop.example.com", "api.shop.example.com");

    SlbCertificate uploaded = client.upload(CertificateUpload.pem(REGION, "shop-tls", null, issued.certificatePem(), issued.pkcs8KeyPem()));

    assertThat(uploaded.id()).matches("\\d{16}_[0-9a-f]+_\\d+_\\d{9}");
    assertThat(uploaded.name()).isEqualTo("shop-tls");
    assertThat(uploaded.fingerprint()).isEqualTo(CertificateBundle.fingerprint(issued.certificate()));
    assertThat(uploaded.commonName()).isEqualTo("shop.example.com");
    assertThat(uploaded.subjectAlternativeNames()).containsExactly("shop.example.com", "api.shop.example.com");
    assertThat(uploaded.expireTime()).isEqualTo(issued.certificate().getNotAfter().toInstant());
    assertThat(SLB.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(uploaded.id());
  }

  @Test
  void uploadsChainOfThreeAndReportsTheLeaf() throws Exception {
    Issued issued = TestCertificates.chainOfThree("chain.example.com", "chain.example.com");

    SlbCertificate uploaded = client.upload(CertificateUpload.pem(REGION, "chain", null, issued.chainPem(), issued.traditionalKeyPem()));

    assertThat(issued.chainPem().split("BEGIN CERTIFICATE", -1)).hasSize(4);
    assertThat(uploaded.commonName()).isEqualTo("chain.example.com");
    assertThat(uploaded.fingerprint()).isEqualTo(CertificateBundle.fingerprint(issued.certificate()));
  }

  @Test
  void uploadsAChainWhoseRequestLineExceedsSixtyFourKilobytes() throws Exception {
    Issued issued = TestCertificates.chainOfDepth("deep.example.com", 120);

    SlbCertificate uploaded = client.upload(CertificateUpload.pem(REGION, "deep", null, issued.chainPem(), issued.pkcs8KeyPem()));

    assertThat(issued.chainPem().length()).isGreaterThan(60_000);
    assertThat(uploaded.commonName()).isEqualTo("deep.example.com");
  }

  @Test
  void uploadsEcCertificate() throws Exception {
    Issued issued = TestCertificates.selfSigned("ec.example.com", TestCertificates.ecKeyPair());

    SlbCertificate uploaded = client.upload(CertificateUpload.pem(REGION, "ec", null, issued.certificatePem(), issued.traditionalKeyPem()));

    assertThat(client.find(REGION, uploaded.id())).get().extracting(SlbCertificate::commonName).isEqualTo("ec.example.com");
  }

  @Test
  void importsFromCertificateService() throws Exception {
    SlbCertificate uploaded = client.upload(CertificateUpload.fromCertificateService(REGION, "cas", null, "9812345", "shop", REGION));

    assertThat(client.find(REGION, uploaded.id())).isPresent();
    assertThat(uploaded.fingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
  }

  @Test
  void listAndFindAreScopedToTheRegion() throws Exception {
    Issued issued = TestCertificates.selfSigned("r.example.com", TestCertificates.rsaKeyPair());
    SlbCertificate here = client.upload(CertificateUpload.pem(REGION, "here", null, issued.certificatePem(), issued.pkcs8KeyPem()));
    SlbCertificate there = client.upload(CertificateUpload.pem("cn-beijing", "there", null, issued.certificatePem(), issued.pkcs8KeyPem()));

    assertThat(client.list(REGION)).extracting(SlbCertificate::id).containsExactly(here.id());
    assertThat(client.list("cn-beijing")).extracting(SlbCertificate::id).containsExactly(there.id());
    assertThat(client.find(REGION, there.id())).isEmpty();
    assertThat(client.find(REGION, "1231579085529123_0_0_000000000")).isEmpty();
  }

  @Test
  void deleteRemovesTheCertificateAndASecondDeleteIsNotFound() throws Exception {
    SlbCertificate uploaded = uploadOne("gone");

    client.delete(REGION, uploaded.id());

    assertThat(SLB.emulator().snapshot().certificates()).isEmpty();
    assertThatThrownBy(() -> client.delete(REGION, uploaded.id()))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.NOT_FOUND);
          assertThat(e.errorCode()).isEqualTo("ServerCertificateId.NotFound");
          assertThat(e.requestId()).isNotBlank();
        });
  }

  @Test
  void renameChangesOnlyTheName() throws Exception {
    SlbCertificate uploaded = uploadOne("before");

    client.rename(REGION, uploaded.id(), "after.v2");

    SlbCertificate after = client.find(REGION, uploaded.id()).orElseThrow();
    assertThat(after.name()).isEqualTo("after.v2");
    assertThat(after.fingerprint()).isEqualTo(uploaded.fingerprint());
  }

  @Test
  void renameToANameSlbRejectsIsInvalidRequest() throws Exception {
    SlbCertificate uploaded = uploadOne("valid");

    assertThatThrownBy(() -> client.rename(REGION, uploaded.id(), "9starts-with-digit"))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.INVALID_REQUEST);
          assertThat(e.errorCode()).isEqualTo("InvalidParameter");
        });
    assertThat(client.find(REGION, uploaded.id()).orElseThrow().name()).isEqualTo("valid");
  }

  @Test
  void tagsAndUntagsAreVisibleInTheListing() throws Exception {
    SlbCertificate uploaded = uploadOne("tagged");

    client.tag(REGION, uploaded.id(), Map.of("team", "shop", "slbcert.dev/owner", "uid-1"));
    client.untag(REGION, uploaded.id(), List.of("team"));

    assertThat(client.list(REGION).get(0).tags()).containsExactly(Map.entry("slbcert.dev/owner", "uid-1"));
  }

  @Test
  void moreThanTwentyTagsAreSentInChunksUntilSlbRefusesTheTwentyFirst() throws Exception {
    SlbCertificate uploaded = uploadOne("many-tags");
    Map<String, String> twenty = new HashMap<>();
    IntStream.range(0, 20).forEach(i -> twenty.put("k" + i, "v"));
    client.tag(REGION, uploaded.id(), twenty);

    assertThatThrownBy(() -> client.tag(REGION, uploaded.id(), Map.of("one-more", "v")))
        .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.errorCode()).isEqualTo("TagCountLimit"));
    assertThat(client.find(REGION, uploaded.id()).orElseThrow().tags()).hasSize(20);
  }

  @Test
  void tagKeysWithReservedPrefixOrUrlAreRefused() throws Exception {
    SlbCertificate uploaded = uploadOne("bad-tags");

    for (Map<String, String> bad : List.of(Map.of("aliyun-x", "v"), Map.of("acs:x", "v"), Map.of("x", "see http://example.com"), Map.of("k".repeat(65), "v"))) {
      assertThatThrownBy(() -> client.tag(REGION, uploaded.id(), bad))
          .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.kind()).isEqualTo(SlbException.Kind.INVALID_REQUEST));
    }
    assertThat(client.find(REGION, uploaded.id()).orElseThrow().tags()).isEmpty();
  }

  @Test
  void keyOfAnotherCertificateIsRefusedAsInvalidCertificate() {
    Issued issued = TestCertificates.selfSigned("mismatch.example.com", TestCertificates.rsaKeyPair());
    String otherKey = TestCertificates.pkcs8(TestCertificates.ecKeyPair().getPrivate());

    assertUploadRefused(issued.certificatePem(), otherKey, "CertificateNotMatchPrivateKey");
  }

  @Test
  void encryptedKeyIsRefused() {
    Issued issued = TestCertificates.selfSigned("enc.example.com", TestCertificates.rsaKeyPair());

    assertUploadRefused(issued.certificatePem(), TestCertificates.encryptedPkcs8(issued.keyPair().getPrivate(), "pw"), "PrivateKeyEncryption");
  }

  @Test
  void garbageCertificateAndGarbageKeyAreRefused() {
    Issued issued = TestCertificates.selfSigned("garbage.example.com", TestCertificates.rsaKeyPair());

    assertUploadRefused("not a certificate", issued.pkcs8KeyPem(), "InvalidParameter");
    assertUploadRefused(issued.certificatePem(), TestCertificates.pemBlock("PRIVATE KEY", "AAAA"), "KeyFormatError");
  }

  @Test
  void quotaExceededIsReportedAndNothingMoreIsStored() throws Exception {
    try (var small = dev.slbcert.emulator.SlbEmulator.start(dev.slbcert.emulator.EmulatorSettings.defaults().withCertificateQuota(2))) {
      AliyunSlbClient limited = SLB.client(SlbClientSettings.of(small.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null))
          .withQps(0).withRetry(SlbEmulatorExtension.FAST_RETRY));
      Issued issued = TestCertificates.selfSigned("q.example.com", TestCertificates.rsaKeyPair());
      limited.upload(CertificateUpload.pem(REGION, "q1", null, issued.certificatePem(), issued.pkcs8KeyPem()));
      limited.upload(CertificateUpload.pem(REGION, "q2", null, issued.certificatePem(), issued.pkcs8KeyPem()));

      assertThatThrownBy(() -> limited.upload(CertificateUpload.pem(REGION, "q3", null, issued.certificatePem(), issued.pkcs8KeyPem())))
          .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.kind()).isEqualTo(SlbException.Kind.QUOTA_EXCEEDED));
      assertThat(small.snapshot().certificates()).hasSize(2);
    }
  }

  @Test
  void thirtyTwoConcurrentUploadsGiveThirtyTwoDistinctIds() throws Exception {
    Issued issued = TestCertificates.selfSigned("concurrent.example.com", TestCertificates.rsaKeyPair());
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Callable<String>> uploads = IntStream.range(0, 32)
          .<Callable<String>>mapToObj(i -> () -> client.upload(CertificateUpload.pem(REGION, "c" + i, null, issued.certificatePem(), issued.pkcs8KeyPem())).id())
          .toList();
      List<String> ids = pool.invokeAll(uploads).stream().map(SlbEmulatorExtension::join).toList();

      assertThat(Set.copyOf(ids)).hasSize(32);
      assertThat(SLB.emulator().snapshot().certificates()).hasSize(32);
      assertThat(SLB.emulator().calls().get("UploadServerCertificate")).containsExactly(Map.entry("Success", 32L));
    } finally {
      pool.shutdownNow();
    }
  }

  private SlbCertificate uploadOne(String name) throws SlbException {
    Issued issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
    return client.upload(CertificateUpload.pem(REGION, name, null, issued.certificatePem(), issued.pkcs8KeyPem()));
  }

  private void assertUploadRefused(String certificatePem, String keyPem, String code) {
    assertThatThrownBy(() -> client.upload(CertificateUpload.pem(REGION, "refused", null, certificatePem, keyPem)))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.INVALID_CERTIFICATE);
          assertThat(e.errorCode()).isEqualTo(code);
          assertThat(e.getMessage()).doesNotContain("BEGIN");
        });
    assertThat(SLB.emulator().snapshot().certificates()).isEmpty();
  }
}
