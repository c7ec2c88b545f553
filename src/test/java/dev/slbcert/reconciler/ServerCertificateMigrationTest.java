package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resource deleted with deletionPolicy Retain and created again (a restore from a backup, a
 * GitOps re-sync, the same manifest applied again) takes back the certificate it released instead
 * of uploading a second copy, and goes on following its Secret.
 */
class ServerCertificateMigrationTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void aResourceCreatedAgainAfterRetainTakesBackItsCertificateAndFollowsItsSecretAfter() {
    String released = releaseWithRetain("shop", "shop-tls");

    H.createFromSecret("shop", "shop-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("shop")));
    assertThat(H.get("shop").getStatus().getServerCertificateId()).isEqualTo(released);
    EmulatorSnapshot.Certificate certificate = only();
    assertThat(certificate.id()).isEqualTo(released);
    assertThat(certificate.tags()).containsEntry(OwnershipTags.OWNER, H.get("shop").getMetadata().getUid())
        .doesNotContainKey(OwnershipTags.RELEASED_BY);
    assertThat(H.emulator().callCount("UploadServerCertificate")).as("uploads: the first resource's only").isEqualTo(1);
    assertThat(H.eventReasons("shop")).as("events of both resources of this name").contains(Conditions.TAKEN_BACK);

    renew("shop-tls", "shop-v2.example.com");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(H.get("shop").getStatus().getServerCertificateId()).isNotEqualTo(released);
      assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id)
          .as("the renewal replaced the certificate taken back, and deleted it as retired")
          .containsExactly(H.get("shop").getStatus().getServerCertificateId());
    });
  }

  @Test
  void otherContentIsUploadedAndTheReleasedCertificateStaysReleased() {
    String released = releaseWithRetain("blog", "blog-tls");
    renew("blog-tls", "blog-v2.example.com");

    H.createFromSecret("blog", "blog-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("blog")));
    assertThat(H.get("blog").getStatus().getServerCertificateId()).isNotEqualTo(released);
    assertThat(H.emulator().snapshot().certificates()).hasSize(2)
        .filteredOn(c -> c.id().equals(released)).singleElement()
        .satisfies(c -> assertThat(c.tags()).containsKey(OwnershipTags.RELEASED_BY).doesNotContainKey(OwnershipTags.OWNER));
  }

  @Test
  void aResourceOfAnotherNameDoesNotTakeItEvenWithTheSameSecret() {
    String released = releaseWithRetain("api", "api-tls");

    H.createFromSecret("api-copy", "api-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("api-copy")));
    assertThat(H.get("api-copy").getStatus().getServerCertificateId()).isNotEqualTo(released);
    assertThat(H.emulator().snapshot().certificates()).filteredOn(c -> c.id().equals(released)).singleElement()
        .satisfies(c -> assertThat(c.tags()).containsKey(OwnershipTags.RELEASED_BY));
  }

  @Test
  void aResourceOfAnotherNamespaceDoesNotTakeItEvenUnderTheSameName() {
    TestCertificates.Issued issued = TestCertificates.selfSigned("web.example.com", TestCertificates.rsaKeyPair());
    String released = releaseWithRetain("web", "web-tls", issued);
    String releasedName = only().name();
    String other = H.watchAlso("other");
    H.kube().secrets().inNamespace(other).resource(TestResources.tlsSecret(other, "web-tls", issued.chainPem(), issued.pkcs8KeyPem())).create();
    var copy = TestResources.serverCertificate(other, "web", "web-tls");
    copy.getSpec().setCertificateName(releasedName);
    H.kube().resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace(other).resource(copy).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.kube().resources(dev.slbcert.api.v1alpha1.ServerCertificate.class)
        .inNamespace(other).withName("web").get()));
    assertThat(H.emulator().snapshot().certificates()).hasSize(2).filteredOn(c -> c.id().equals(released)).singleElement()
        .satisfies(c -> assertThat(c.tags()).containsKey(OwnershipTags.RELEASED_BY).doesNotContainKey(OwnershipTags.OWNER));
  }

  /** Creates the Secret and the resource, waits for Ready, then deletes it with Retain; returns the released certificate's id. */
  private static String releaseWithRetain(String name, String secretName) {
    return releaseWithRetain(name, secretName, TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair()));
  }

  private static String releaseWithRetain(String name, String secretName, TestCertificates.Issued issued) {
    H.createTlsSecret(secretName, issued);
    H.createFromSecret(name, secretName);
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get(name)));
    H.edit(name, spec -> spec.setDeletionPolicy(DeletionPolicy.Retain));
    await().atMost(Duration.ofSeconds(10)).until(() -> H.get(name).getStatus().getObservedGeneration() == 2L);
    String id = H.get(name).getStatus().getServerCertificateId();
    H.delete(name);
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get(name) == null);
    assertThat(H.emulator().snapshot().certificates()).filteredOn(c -> c.id().equals(id)).singleElement()
        .satisfies(c -> assertThat(c.tags()).containsKey(OwnershipTags.RELEASED_BY));
    return id;
  }

  private static void renew(String secretName, String commonName) {
    var issued = TestCertificates.selfSigned(commonName, TestCertificates.rsaKeyPair());
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret(secretName, issued.chainPem(), issued.pkcs8KeyPem())).update();
  }

  private static EmulatorSnapshot.Certificate only() {
    assertThat(H.emulator().snapshot().certificates()).hasSize(1);
    return H.emulator().snapshot().certificates().get(0);
  }
}
