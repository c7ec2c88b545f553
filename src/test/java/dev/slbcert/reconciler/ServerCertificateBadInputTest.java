package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.condition;
import static dev.slbcert.support.OperatorHarness.isReady;
import static dev.slbcert.support.OperatorHarness.readyReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.SecretReference;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerCertificateBadInputTest {
  /**
   * Inputs a real API server refuses before the operator sees them (the CRD's schema and CEL rules,
   * Kubernetes' own checks of kubernetes.io/tls Secrets; see CrdOnApiServerTest). The operator checks
   * them too, for what gets past (an older CRD, an API that does not enforce them); these tests run
   * on the embedded API only.
   */
  static final String REFUSED_BY_API_SERVER = "refused-by-api-server";

  @RegisterExtension static final OperatorHarness H = new OperatorHarness();
  private final Issued good = TestCertificates.selfSigned("good.example.com", TestCertificates.rsaKeyPair());

  @Test
  void missingSecretIsReportedAndCreatingItLaterConverges() {
    H.createFromSecret("later", "later-tls");

    String message = awaitRefusal("later", Conditions.SECRET_NOT_FOUND);
    assertThat(message).contains("later-tls").contains(H.namespace());

    H.createTlsSecret("later-tls", good);
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("later")));
    assertThat(H.emulator().snapshot().certificates()).hasSize(1);
  }

  @Test
  void secretOfTheWrongTypeIsInvalidSecret() {
    H.kube().secrets().inNamespace(H.namespace()).resource(new SecretBuilder(H.tlsSecret("opaque", good.chainPem(), good.pkcs8KeyPem()))
        .withType("Opaque").build()).create();
    H.createFromSecret("opaque", "opaque");

    assertThat(awaitRefusal("opaque", Conditions.INVALID_SECRET)).contains("Opaque").contains("kubernetes.io/tls");
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void secretWithoutTheKeyIsInvalidSecret() {
    H.kube().secrets().inNamespace(H.namespace()).resource(new SecretBuilder(H.tlsSecret("nokey", good.chainPem(), good.pkcs8KeyPem()))
        .withData(Map.of("tls.crt", OperatorHarness.base64(good.chainPem()))).build()).create();
    H.createFromSecret("nokey", "nokey");

    assertThat(awaitRefusal("nokey", Conditions.INVALID_SECRET)).contains("tls.key");
  }

  @Test
  void garbageInsteadOfPemIsInvalidCertificate() {
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("garbage", "not a certificate", "not a key")).create();
    H.createFromSecret("garbage", "garbage");

    assertThat(awaitRefusal("garbage", Conditions.INVALID_CERTIFICATE)).contains("no PEM CERTIFICATE block");
  }

  @Test
  void keyOfAnotherCertificateIsInvalidCertificate() {
    String otherKey = TestCertificates.pkcs8(TestCertificates.ecKeyPair().getPrivate());
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("mismatch", good.chainPem(), otherKey)).create();
    H.createFromSecret("mismatch", "mismatch");

    String message = awaitRefusal("mismatch", Conditions.INVALID_CERTIFICATE);
    assertThat(message).contains("does not match");
    assertNoKeyMaterialIn(message, otherKey);
  }

  @Test
  void aChainOfMoreThanTenCertificatesIsInputTooLarge() {
    Issued deep = TestCertificates.chainOfDepth("deep.example.com", 10);
    H.createTlsSecret("deep-tls", deep);
    H.createFromSecret("deep", "deep-tls");

    assertThat(awaitRefusal("deep", Conditions.INPUT_TOO_LARGE)).contains("11 certificates").contains("the limit is 10");
  }

  @Test
  void aCertificateWithAKeyTooSmallForSlbIsUnsupportedKey() throws Exception {
    var generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(768);
    H.createTlsSecret("weak-tls", TestCertificates.selfSigned("weak.example.com", generator.generateKeyPair()));
    H.createFromSecret("weak", "weak-tls");

    assertThat(awaitRefusal("weak", Conditions.UNSUPPORTED_KEY)).contains("768 bits").contains("1024 to 4096");
  }

  @Test
  void aRefusedSecretIsNotReadAgainUntilItChanges() {
    String otherKey = TestCertificates.pkcs8(TestCertificates.ecKeyPair().getPrivate());
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("refused", good.chainPem(), otherKey)).create();
    H.createFromSecret("refused", "refused");
    awaitRefusal("refused", Conditions.INVALID_CERTIFICATE);
    long reads = secretReads("refused");

    // a spec change: the operator reconciles and writes status again, without reading the same Secret again
    H.kube().resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace(H.namespace()).withName("refused").edit(sc -> {
      sc.getSpec().setTags(Map.of("team", "shop"));
      return sc;
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("refused").getMetadata().getGeneration()
        .equals(H.get("refused").getStatus().getObservedGeneration()));
    assertThat(readyReason(H.get("refused"))).isEqualTo(Conditions.INVALID_CERTIFICATE);
    assertThat(secretReads("refused")).as("reads of the refused Secret after its refusal").isEqualTo(reads);

    H.kube().secrets().inNamespace(H.namespace()).withName("refused").edit(secret -> {
      secret.setData(Map.of("tls.crt", OperatorHarness.base64(good.chainPem()), "tls.key", OperatorHarness.base64(good.pkcs8KeyPem())));
      return secret;
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("refused")));
    assertThat(secretReads("refused")).isGreaterThan(reads);
  }

  private static long secretReads(String name) {
    return H.operatorRequests().stream().filter(r -> r.equals("GET /api/v1/namespaces/" + H.namespace() + "/secrets/" + name)).count();
  }

  @Test
  void encryptedKeyIsInvalidCertificate() {
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("encrypted", good.chainPem(),
        TestCertificates.encryptedPkcs8(good.keyPair().getPrivate(), "pw"))).create();
    H.createFromSecret("encrypted", "encrypted");

    assertThat(awaitRefusal("encrypted", Conditions.INVALID_CERTIFICATE)).contains("encrypted");
  }

  @Test
  void dsaKeyIsInvalidCertificate() {
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("dsa", good.chainPem(),
        TestCertificates.pkcs8(TestCertificates.dsaKeyPair().getPrivate()))).create();
    H.createFromSecret("dsa", "dsa");

    assertThat(awaitRefusal("dsa", Conditions.UNSUPPORTED_KEY)).contains("RSA and EC");
  }

  @Test
  void expiredCertificateIsCertificateExpired() {
    Issued expired = TestCertificates.selfSigned("old.example.com", TestCertificates.rsaKeyPair(),
        Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"));
    H.createTlsSecret("expired", expired);
    H.createFromSecret("expired", "expired");

    assertThat(awaitRefusal("expired", Conditions.CERTIFICATE_EXPIRED)).contains("2021-01-01T00:00:00Z");
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void invalidNameAndTwoSourcesAreInvalidSpec() {
    H.createTlsSecret("spec-tls", good);
    ServerCertificateSpec badName = spec();
    badName.setCertificateName("9-starts-with-a-digit");
    ServerCertificateSpec twoSources = spec();
    twoSources.setServerCertificateId("123");

    H.create("bad-name", badName);
    H.create("two-sources", twoSources);

    assertThat(awaitRefusal("bad-name", Conditions.INVALID_SPEC)).contains("certificateName");
    assertThat(awaitRefusal("two-sources", Conditions.INVALID_SPEC)).contains("exactly one");
  }

  @Test
  void exhaustedQuotaIsQuotaExceeded() throws Exception {
    for (int i = 0; i < 100; i++) {
      H.slb().upload(CertificateUpload.pem(REGION, "filler" + i, null, good.certificatePem(), good.pkcs8KeyPem()));
    }
    H.createTlsSecret("full-tls", TestCertificates.selfSigned("full.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("full", "full-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.QUOTA_EXCEEDED.equals(readyReason(H.get("full"))));
    assertThat(condition(H.get("full"), Conditions.READY).getMessage()).contains("quota");
    assertThat(H.emulator().snapshot().certificates()).hasSize(100);
  }

  @Test
  void wrongCredentialsAreAccessDeniedWithAMessageAboutThem() {
    H.stopOperator();
    AliyunSlbClient wrong = H.slbClientWith(new SlbCredentials.StaticKeys("emulator", "wrong-secret", null));
    H.startOperator(wrong);
    H.createTlsSecret("denied-tls", good);
    H.createFromSecret("denied", "denied-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.ACCESS_DENIED.equals(readyReason(H.get("denied"))));
    String message = condition(H.get("denied"), Conditions.READY).getMessage();
    assertThat(message).contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET").doesNotContain("Exception").doesNotContain("string to sign");
    assertThat(H.emulator().snapshot().certificates()).isEmpty();
    wrong.close();
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void keyWithoutCertificateIsInvalidSecret() {
    H.kube().secrets().inNamespace(H.namespace()).resource(new SecretBuilder(H.tlsSecret("nocert", good.chainPem(), good.pkcs8KeyPem()))
        .withData(Map.of("tls.key", OperatorHarness.base64(good.pkcs8KeyPem()))).build()).create();
    H.createFromSecret("nocert", "nocert");

    assertThat(awaitRefusal("nocert", Conditions.INVALID_SECRET)).contains("tls.crt");
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void emptySecretIsInvalidSecret() {
    H.kube().secrets().inNamespace(H.namespace()).resource(new SecretBuilder(H.tlsSecret("empty", good.chainPem(), good.pkcs8KeyPem()))
        .withData(null).build()).create();
    H.createFromSecret("empty", "empty");

    assertThat(awaitRefusal("empty", Conditions.INVALID_SECRET)).contains("has no tls.crt");
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void secretOverOneMebibyteIsInvalidSecret() {
    H.kube().secrets().inNamespace(H.namespace()).resource(new SecretBuilder(H.tlsSecret("huge", good.chainPem(), good.pkcs8KeyPem()))
        .addToData("padding", OperatorHarness.base64("x".repeat(1024 * 1024 + 1))).build()).create();
    H.createFromSecret("huge", "huge");

    assertThat(awaitRefusal("huge", Conditions.INVALID_SECRET)).contains("1 MiB");
  }

  @Test
  void notYetValidCertificateIsInvalidCertificate() {
    Issued future = TestCertificates.selfSigned("future.example.com", TestCertificates.rsaKeyPair(),
        Instant.now().plusSeconds(86_400), Instant.now().plusSeconds(86_400 * 30));
    H.createTlsSecret("future", future);
    H.createFromSecret("future", "future");

    assertThat(awaitRefusal("future", Conditions.INVALID_CERTIFICATE)).contains("not valid before");
  }

  @Test
  void chainInTheWrongOrderIsRejectedWithTheOrderToUse() {
    Issued chain = TestCertificates.chainOfThree("order.example.com");
    String wrongOrder = TestCertificates.pem(chain.issuers().get(0)) + chain.certificatePem() + TestCertificates.pem(chain.issuers().get(1));
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("order", wrongOrder, chain.pkcs8KeyPem())).create();
    H.createFromSecret("order", "order");

    assertThat(awaitRefusal("order", Conditions.INVALID_CERTIFICATE)).contains("leaf").contains("first");
  }

  @Test
  void tagKeysSlbWouldRejectAreInvalidSpec() {
    H.createTlsSecret("spec-tls", good);
    ServerCertificateSpec aliyun = spec();
    aliyun.setTags(Map.of("aliyun-team", "x"));
    ServerCertificateSpec acs = spec();
    acs.setTags(Map.of("acs:team", "x"));
    ServerCertificateSpec longKey = spec();
    longKey.setTags(Map.of("k".repeat(65), "x"));

    H.create("aliyun", aliyun);
    H.create("acs", acs);
    H.create("long-key", longKey);

    assertThat(awaitRefusal("aliyun", Conditions.INVALID_SPEC)).contains("aliyun");
    assertThat(awaitRefusal("acs", Conditions.INVALID_SPEC)).contains("acs:");
    assertThat(awaitRefusal("long-key", Conditions.INVALID_SPEC)).contains("1 to 64 characters");
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void theOperatorsOwnTagKeysAreInvalidSpec() {
    H.createTlsSecret("spec-tls", good);
    ServerCertificateSpec cluster = spec();
    cluster.setTags(Map.of("slbcert.dev/cluster", "another-cluster", "team", "shop"));

    H.create("cluster-tag", cluster);

    assertThat(awaitRefusal("cluster-tag", Conditions.INVALID_SPEC)).contains("slbcert.dev/cluster").contains("the operator's own");
    assertThat(H.emulator().snapshot().certificates()).isEmpty();
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void moreThanSeventeenTagsAreInvalidSpec() {
    H.createTlsSecret("spec-tls", good);
    ServerCertificateSpec tooMany = spec();
    Map<String, String> eighteen = new java.util.HashMap<>();
    for (int i = 0; i < 18; i++) {
      eighteen.put("key" + i, "v");
    }
    tooMany.setTags(eighteen);

    H.create("too-many", tooMany);

    assertThat(awaitRefusal("too-many", Conditions.INVALID_SPEC)).contains("at most 17 tags");
  }

  @Test
  @Tag(REFUSED_BY_API_SERVER)
  void noSourceIsInvalidSpec() {
    ServerCertificateSpec none = new ServerCertificateSpec();
    none.setRegionId(REGION);

    H.create("no-source", none);

    assertThat(awaitRefusal("no-source", Conditions.INVALID_SPEC)).contains("exactly one").contains("(0 are set)");
  }

  @Test
  void unknownRegionIsInvalidSpecFromSlbsAnswer() {
    createInRegion("nowhere", "cn-nowhere");

    assertThat(awaitRefusal("nowhere", Conditions.INVALID_SPEC)).contains("region").contains("InvalidRegionId");
  }

  @Test
  void aResourceWithARegionSlbDoesNotKnowCanBeDeleted() {
    createInRegion("typo", "cn-hangzou");
    awaitRefusal("typo", Conditions.INVALID_SPEC);

    H.delete("typo");

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("typo") == null);
    assertThat(H.eventReasons("typo")).contains(Conditions.REGION_UNKNOWN);
    assertThat(H.emulator().callCount("DeleteServerCertificate")).isZero();
  }

  @Test
  void badResourcesDoNotStopTheOthers() {
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("broken", "garbage", "garbage")).create();
    for (int i = 0; i < 5; i++) {
      H.createFromSecret("broken-" + i, "broken");
    }
    H.createTlsSecret("fine-tls", good);
    H.createFromSecret("fine", "fine-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("fine")));
    for (int i = 0; i < 5; i++) {
      assertThat(readyReason(H.get("broken-" + i))).isEqualTo(Conditions.INVALID_CERTIFICATE);
    }
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  /** A resource from a good Secret of its own, in a region SLB may not know. */
  private void createInRegion(String name, String region) {
    H.createTlsSecret(name + "-tls", good);
    ServerCertificateSpec spec = spec();
    spec.setRegionId(region);
    spec.setSecretRef(new SecretReference(name + "-tls"));
    H.create(name, spec);
  }

  private ServerCertificateSpec spec() {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setSecretRef(new SecretReference("spec-tls"));
    return spec;
  }

  /** Waits for Ready=False with the reason and a Warning Event of the same reason; no upload was tried. */
  private String awaitRefusal(String name, String reason) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(readyReason(H.get(name))).isEqualTo(reason);
      assertThat(condition(H.get(name), Conditions.READY).getStatus()).isEqualTo(Conditions.FALSE);
      assertThat(H.events(name)).extracting(Event::getReason, Event::getType).contains(org.assertj.core.groups.Tuple.tuple(reason, "Warning"));
    });
    assertThat(H.emulator().callCount("UploadServerCertificate")).isZero();
    return condition(H.get(name), Conditions.READY).getMessage();
  }

  private static void assertNoKeyMaterialIn(String text, String keyPem) {
    keyPem.lines().filter(l -> !l.startsWith("-----")).forEach(line -> assertThat(text).doesNotContain(line.substring(0, Math.min(16, line.length()))));
  }
}
