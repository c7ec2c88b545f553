package dev.slbcert.reconciler;

import dev.slbcert.ownership.OwnershipTags;
import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every certificate the operator makes or adopts carries this cluster's id; existing ones get it at their next reconciliation. */
class ServerCertificateClusterTagTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void newCertificatesCarryTheClusterTagInTheirUpload() {
    H.restartWithSettings(OperatorHarness.FAST.withClusterId("cluster-a"));
    H.createTlsSecret("new-tls", TestCertificates.selfSigned("new.example.com", TestCertificates.rsaKeyPair()));

    H.createFromSecret("new", "new-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("new")));
    assertThat(H.emulator().snapshot().certificates()).singleElement()
        .satisfies(c -> assertThat(c.tags()).containsEntry(OwnershipTags.CLUSTER, "cluster-a"));
    assertThat(H.emulator().callCount("TagResources")).isZero();
  }

  @Test
  void certificatesMadeBeforeTheClusterHadAnIdGetTheTagAtTheirNextReconciliation() {
    H.createTlsSecret("old-tls", TestCertificates.selfSigned("old.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("old", "old-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("old")));
    assertThat(H.emulator().snapshot().certificates().get(0).tags()).doesNotContainKey(OwnershipTags.CLUSTER);

    H.restartWithSettings(OperatorHarness.FAST.withClusterId("cluster-a"));

    await().atMost(Duration.ofSeconds(20)).until(() -> "cluster-a".equals(H.emulator().snapshot().certificates().get(0).tags().get(OwnershipTags.CLUSTER)));
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }
}
