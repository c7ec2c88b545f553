package dev.slbcert.reconciler;

import dev.slbcert.ownership.OwnershipTags;
import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.condition;
import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import dev.slbcert.tls.CertificateBundle;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerCertificateLifecycleTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void createdResourceBecomesReadyWithStatusMatchingSlb() {
    Issued issued = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair(), "shop.example.com", "www.shop.example.com");
    H.createTlsSecret("shop-tls", issued);

    H.createFromSecret("shop", "shop-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("shop")));
    ServerCertificate sc = H.get("shop");
    EmulatorSnapshot.Certificate inSlb = H.emulator().snapshot().certificates().get(0);
    assertThat(H.emulator().snapshot().certificates()).hasSize(1);
    assertThat(sc.getStatus().getServerCertificateId()).isEqualTo(inSlb.id());
    assertThat(sc.getStatus().getFingerprint()).isEqualTo(inSlb.fingerprint()).isEqualTo(CertificateBundle.fingerprint(issued.certificate()));
    assertThat(sc.getStatus().getCertificateName()).isEqualTo(inSlb.name()).isEqualTo(H.namespace() + ".shop");
    assertThat(sc.getStatus().getCommonName()).isEqualTo("shop.example.com");
    assertThat(sc.getStatus().getSubjectAlternativeNames()).containsExactly("shop.example.com", "www.shop.example.com");
    assertThat(sc.getStatus().getRegionId()).isEqualTo(REGION);
    assertThat(sc.getStatus().getNotAfter()).isEqualTo(issued.certificate().getNotAfter().toInstant().toString());
    assertThat(sc.getStatus().getObservedGeneration()).isEqualTo(sc.getMetadata().getGeneration());
    assertThat(condition(sc, Conditions.READY).getReason()).isEqualTo(Conditions.AVAILABLE);
    assertThat(inSlb.tags()).containsEntry(OwnershipTags.OWNER, sc.getMetadata().getUid());
    assertThat(sc.getMetadata().getFinalizers()).contains(ServerCertificateReconciler.FINALIZER);
    assertThat(H.eventReasons("shop")).contains(Conditions.UPLOADED);
  }

  @Test
  void aCreateIsOneSlbCallThatBringsTheTagsWithTheUpload() {
    H.createTlsSecret("tagged-tls", TestCertificates.selfSigned("tagged.example.com", TestCertificates.rsaKeyPair()));
    var spec = dev.slbcert.support.TestResources.serverCertificate(H.namespace(), "tagged", "tagged-tls").getSpec();
    spec.setTags(java.util.Map.of("team", "shop", "env", "prod"));

    H.create("tagged", spec);

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("tagged")));
    OperatorHarness.awaitIdle(H.emulator());
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> assertThat(c.tags())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(OwnershipTags.OWNER, H.get("tagged").getMetadata().getUid(),
            "team", "shop", "env", "prod")));
    var callsOtherThanListings = new java.util.TreeMap<>(H.emulator().calls());
    callsOtherThanListings.remove("DescribeServerCertificates"); // one listing per region, shared by every resource in it
    assertThat(callsOtherThanListings.keySet()).containsExactly("UploadServerCertificate");
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(H.emulator().callCount("TagResources")).isZero();
  }

  @Test
  void deletingAnUnusedCertificateRemovesItFromSlbAndTheResourceGoes() {
    H.createTlsSecret("tls", TestCertificates.selfSigned("gone.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("gone", "tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("gone")));

    H.delete("gone");

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("gone") == null);
    assertThat(H.emulator().snapshot().certificates()).isEmpty();
  }
}
