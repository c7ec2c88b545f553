package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A second certificate with the resource's content and owner tag (as a split brain leaves one) is deleted, but not while it is in use. */
class ServerCertificateDuplicateTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void aDuplicateIsDeletedByTheNextReconciliationOnceNoListenerUsesIt() throws Exception {
    var issued = TestCertificates.selfSigned("dup.example.com", TestCertificates.rsaKeyPair());
    H.createTlsSecret("dup-tls", issued);
    H.createFromSecret("dup", "dup-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("dup")));
    String kept = H.get("dup").getStatus().getServerCertificateId();
    String duplicate = H.slb().upload(CertificateUpload.pem(REGION, "dup-copy", null, issued.certificatePem(), issued.pkcs8KeyPem())
        .withTags(Map.of(OwnershipTags.OWNER, H.get("dup").getMetadata().getUid()))).id();
    String lb = H.slb().createLoadBalancer(REGION, "lb");
    H.slb().createHttpsListener(REGION, lb, 443, duplicate);

    // several resyncs (3 s each): the copy in use stays
    await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids()).containsExactlyInAnyOrder(kept, duplicate));
    assertThat(H.emulator().callCount("DeleteServerCertificate")).as("tried, and refused while in use").isPositive();

    H.slb().deleteListener(REGION, lb, 443);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids()).containsExactly(kept));
    assertThat(H.get("dup").getStatus().getServerCertificateId()).isEqualTo(kept);
    assertThat(isReady(H.get("dup"))).isTrue();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(H.events("dup")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo(Conditions.DUPLICATE_DELETED);
      assertThat(e.getMessage()).contains(duplicate).contains(kept);
    }));
  }

  @Test
  void anOwnCertificateThatStatusDoesNotNameIsRetiredAndDeletedOnceUnused() throws Exception {
    H.createTlsSecret("lost-tls", TestCertificates.selfSigned("lost.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("lost", "lost-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("lost")));
    String kept = H.get("lost").getStatus().getServerCertificateId();
    // what a renewal leaves when its status write is read back late: a certificate of this resource, of older content, named nowhere
    var older = TestCertificates.selfSigned("lost.example.com", TestCertificates.rsaKeyPair());
    String forgotten = H.slb().upload(CertificateUpload.pem(REGION, "lost-older", null, older.certificatePem(), older.pkcs8KeyPem())
        .withTags(Map.of(OwnershipTags.OWNER, H.get("lost").getMetadata().getUid()))).id();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids()).containsExactly(kept));
    assertThat(H.get("lost").getStatus().getServerCertificateId()).isEqualTo(kept);
    assertThat(H.emulator().callCount("DeleteServerCertificate")).isEqualTo(1);
    assertThat(forgotten).isNotEqualTo(kept);
  }

  @Test
  void aCopyWithAnotherResourcesTagIsNoDuplicate() throws Exception {
    var issued = TestCertificates.selfSigned("same.example.com", TestCertificates.rsaKeyPair());
    H.createTlsSecret("same-tls", issued);
    H.createFromSecret("same", "same-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("same")));
    String theirs = H.slb().upload(CertificateUpload.pem(REGION, "theirs", null, issued.certificatePem(), issued.pkcs8KeyPem())
        .withTags(Map.of(OwnershipTags.OWNER, "another-resource-uid"))).id();

    await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ids()).contains(theirs).hasSize(2));
    assertThat(H.emulator().callCount("DeleteServerCertificate")).isZero();
  }

  private static java.util.List<String> ids() {
    return H.emulator().snapshot().certificates().stream().map(EmulatorSnapshot.Certificate::id).toList();
  }
}
