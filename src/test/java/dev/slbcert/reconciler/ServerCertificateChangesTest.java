package dev.slbcert.reconciler;

import dev.slbcert.ownership.OwnershipTags;
import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.isReady;
import static dev.slbcert.support.OperatorHarness.readyReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.AliCloudCertificateSource;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import dev.slbcert.tls.CertificateBundle;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerCertificateChangesTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void newSecretContentUploadsANewCertificateAndDeletesTheOldOneWhenFree() {
    String oldId = ready("rotate", TestCertificates.selfSigned("r.example.com", TestCertificates.rsaKeyPair()));
    Issued renewed = TestCertificates.selfSigned("r.example.com", TestCertificates.ecKeyPair());

    replaceSecret("rotate-tls", renewed);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(H.get("rotate").getStatus().getFingerprint()).isEqualTo(CertificateBundle.fingerprint(renewed.certificate()));
      assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::fingerprint)
          .containsExactly(CertificateBundle.fingerprint(renewed.certificate()));
    });
    assertThat(H.get("rotate").getStatus().getServerCertificateId()).isNotEqualTo(oldId);
    assertThat(H.get("rotate").getStatus().getRetiredCertificates()).isNull();
    assertThat(H.eventReasons("rotate")).contains(Conditions.ROTATED, Conditions.DELETED);
  }

  /**
   * Every namespace's informer lists at start what exists; with a store shared by the namespaces'
   * informers, each list dropped the others' resources and Secrets, and their renewals went unseen.
   */
  @Test
  void afterARestartARenewalReachesTheLoadBalancerInEveryWatchedNamespace() {
    String other = H.watchAlso("other");
    H.restartWithSettings(new ReconcilerSettings(Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ZERO,
        Duration.ofSeconds(3)));
    java.util.List<String> namespaces = java.util.List.of(H.namespace(), other);
    for (String namespace : namespaces) {
      dev.slbcert.support.TestResources.certificateFromNewSecret(H.kube(), namespace, "web");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> namespaces.stream().allMatch(ns -> isReady(web(ns))));
    Map<String, String> before = new java.util.HashMap<>();
    namespaces.forEach(ns -> before.put(ns, web(ns).getStatus().getServerCertificateId()));

    H.stopOperator();
    H.startOperator(); // its informers list the resources and Secrets of both namespaces
    for (String namespace : namespaces) {
      Issued renewed = TestCertificates.selfSigned("web.example.com", TestCertificates.ecKeyPair());
      H.kube().secrets().inNamespace(namespace).withName("web").edit(s -> {
        s.setData(Map.of("tls.crt", OperatorHarness.base64(renewed.chainPem()), "tls.key", OperatorHarness.base64(renewed.pkcs8KeyPem())));
        return s;
      });
    }

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(namespaces)
        .allSatisfy(ns -> assertThat(web(ns).getStatus().getServerCertificateId()).as(ns).isNotEqualTo(before.get(ns))));
  }

  private static dev.slbcert.api.v1alpha1.ServerCertificate web(String namespace) {
    return H.kube().resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace(namespace).withName("web").get();
  }

  @Test
  void aRetiredCertificateStillInUseWaitsInStatusUntilTheListenerMoves() throws Exception {
    String oldId = ready("busy", TestCertificates.selfSigned("b.example.com", TestCertificates.rsaKeyPair()));
    String lb = H.slb().createLoadBalancer(REGION, "lb");
    H.slb().createHttpsListener(REGION, lb, 443, oldId);
    Issued renewed = TestCertificates.selfSigned("b.example.com", TestCertificates.ecKeyPair());

    replaceSecret("busy-tls", renewed);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var status = H.get("busy").getStatus();
      assertThat(status.getFingerprint()).isEqualTo(CertificateBundle.fingerprint(renewed.certificate()));
      assertThat(status.getRetiredCertificates()).extracting(RetiredCertificate::getServerCertificateId).containsExactly(oldId);
      assertThat(status.getRetiredCertificates().get(0).getInUseBy()).extracting(u -> u.getLoadBalancerId() + ":" + u.getListenerPort())
          .containsExactly(lb + ":443");
      assertThat(isReady(H.get("busy"))).isTrue();
    });
    assertThat(H.emulator().snapshot().certificates()).hasSize(2);

    H.slb().setListenerCertificate(REGION, lb, 443, H.get("busy").getStatus().getServerCertificateId());

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(H.get("busy").getStatus().getRetiredCertificates()).isNull();
      assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id)
          .containsExactly(H.get("busy").getStatus().getServerCertificateId());
    });
  }

  @Test
  void renameAndTagChangesAreAppliedInPlace() {
    String id = ready("named", TestCertificates.selfSigned("n.example.com", TestCertificates.rsaKeyPair()));

    H.edit("named", spec -> {
      spec.setCertificateName("shop-tls-2026");
      spec.setTags(Map.of("team", "shop", "env", "prod"));
    });

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      EmulatorSnapshot.Certificate c = H.emulator().snapshot().certificates().get(0);
      assertThat(c.name()).isEqualTo("shop-tls-2026");
      assertThat(c.tags()).containsEntry("team", "shop").containsEntry("env", "prod").containsKey(OwnershipTags.OWNER);
      assertThat(H.get("named").getStatus().getCertificateName()).isEqualTo("shop-tls-2026");
    });
    H.edit("named", spec -> spec.setTags(Map.of("team", "web")));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(H.emulator().snapshot().certificates().get(0).tags())
        .containsOnlyKeys("team", OwnershipTags.OWNER).containsEntry("team", "web"));
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(id);
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(H.eventReasons("named")).contains(Conditions.RENAMED);
  }

  @Test
  void adoptsAnExistingCertificateById() throws Exception {
    Issued issued = TestCertificates.selfSigned("adopt.example.com", TestCertificates.rsaKeyPair());
    String id = H.slb().upload(CertificateUpload.pem(REGION, "made-elsewhere", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
    H.slb().tag(REGION, id, Map.of("managed-by", "terraform"));
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setServerCertificateId(id);
    spec.setTags(Map.of("team", "shop"));
    H.allowAdoption();

    H.create("adopted", spec);

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("adopted"))
        && H.emulator().snapshot().certificates().get(0).tags().containsKey("team"));
    assertThat(H.get("adopted").getStatus().getServerCertificateId()).isEqualTo(id);
    assertThat(H.get("adopted").getStatus().getCommonName()).isEqualTo("adopt.example.com");
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> {
      assertThat(c.name()).as("an adopted certificate keeps its name").isEqualTo("made-elsewhere");
      assertThat(c.tags()).as("and the tags others gave it").containsEntry("managed-by", "terraform").containsEntry("team", "shop")
          .containsEntry(OwnershipTags.ADOPTED_BY, H.get("adopted").getMetadata().getUid()).doesNotContainKey(OwnershipTags.OWNER);
    });
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(H.eventReasons("adopted")).contains(Conditions.ADOPTED);
  }

  @Test
  void anAdoptedIdThatDoesNotExistIsCertificateNotFound() {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setServerCertificateId("1231579085529123_0_0_000000000");

    H.create("missing", spec);

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.CERTIFICATE_NOT_FOUND.equals(readyReason(H.get("missing"))));
    assertThat(H.emulator().callCount("UploadServerCertificate")).isZero();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(H.eventReasons("missing")).contains(Conditions.CERTIFICATE_NOT_FOUND));
  }

  @Test
  void aCertificateDeletedOutsideTheOperatorIsUploadedAgain() throws Exception {
    String id = ready("drift", TestCertificates.selfSigned("d.example.com", TestCertificates.rsaKeyPair()));

    H.slb().delete(REGION, id);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(H.emulator().snapshot().certificates()).hasSize(1);
      assertThat(H.get("drift").getStatus().getServerCertificateId()).isNotEqualTo(id)
          .isEqualTo(H.emulator().snapshot().certificates().get(0).id());
    });
    assertThat(H.eventReasons("drift")).contains(Conditions.RECREATED);
  }

  /**
   * A write meets a certificate deleted since the region's last listing (a console, another
   * cluster's orphans command): the operator looks again at once and uploads it again, instead of
   * reporting CertificateNotFound until the next resync.
   */
  @Test
  void aWriteThatFindsTheCertificateGoneUploadsItAgainInTheSameReconciliation() throws Exception {
    H.restartWithSettings(new ReconcilerSettings(Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(10),
        Duration.ofSeconds(3)));
    String id = ready("gone", TestCertificates.selfSigned("g.example.com", TestCertificates.rsaKeyPair()));
    H.slb().delete(REGION, id);

    H.edit("gone", spec -> spec.setTags(Map.of("team", "shop"))); // a retag of the certificate the cached listing still shows

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> assertThat(c.tags()).containsEntry("team", "shop"));
      assertThat(H.get("gone").getStatus().getServerCertificateId()).isNotEqualTo(id)
          .isEqualTo(H.emulator().snapshot().certificates().get(0).id());
      assertThat(isReady(H.get("gone"))).isTrue();
    });
    assertThat(H.eventReasons("gone")).contains(Conditions.RECREATED).doesNotContain(Conditions.CERTIFICATE_NOT_FOUND);
  }

  @Test
  void importsFromCertificateManagementService() {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    AliCloudCertificateSource source = new AliCloudCertificateSource();
    source.setId("9812345");
    source.setName("shop");
    spec.setAliCloudCertificate(source);
    H.allowAdoption();

    H.create("cas", spec);

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("cas")));
    H.edit("cas", s -> s.setTags(Map.of("k", "v")));
    await().atMost(Duration.ofSeconds(20)).until(() -> H.emulator().snapshot().certificates().get(0).tags().containsKey("k"));
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  private String ready(String name, Issued issued) {
    H.createTlsSecret(name + "-tls", issued);
    H.createFromSecret(name, name + "-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get(name)));
    return H.get(name).getStatus().getServerCertificateId();
  }

  private void replaceSecret(String name, Issued issued) {
    H.kube().secrets().inNamespace(H.namespace()).withName(name).edit(s -> {
      s.setData(Map.of("tls.crt", OperatorHarness.base64(issued.chainPem()), "tls.key", OperatorHarness.base64(issued.pkcs8KeyPem())));
      return s;
    });
  }
}
