package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.condition;
import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerCertificateDeletionTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void deletionWaitsWhileAnHttpsListenerUsesTheCertificateThenCompletesWhenItIsRemoved() throws Exception {
    String id = readyCertificate("web");
    String lb = H.slb().createLoadBalancer(REGION, "web-lb");
    H.slb().createHttpsListener(REGION, lb, 443, id);

    H.delete("web");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      ServerCertificate sc = H.get("web");
      Condition blocked = condition(sc, Conditions.DELETION_BLOCKED);
      assertThat(blocked).isNotNull();
      assertThat(blocked.getStatus()).isEqualTo(Conditions.TRUE);
      assertThat(blocked.getReason()).isEqualTo(Conditions.CERTIFICATE_IN_USE);
      assertThat(blocked.getMessage()).contains(lb + ":443").contains("deletionPolicy").contains(id);
      assertThat(condition(sc, Conditions.READY).getReason()).isEqualTo(Conditions.DELETING);
      assertThat(sc.getStatus().getInUseBy()).extracting(CertificateUse::getLoadBalancerId, CertificateUse::getListenerPort)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(lb, 443));
    });
    // the Warning Event follows the condition's status write: wait for it rather than race it
    Event warning = await().atMost(Duration.ofSeconds(10)).until(
        () -> H.events("web").stream().filter(e -> Conditions.DELETION_BLOCKED_EVENT.equals(e.getReason())).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getMessage()).contains(lb + ":443");
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(id);

    H.slb().deleteListener(REGION, lb, 443);

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("web") == null);
    assertThat(H.emulator().snapshot().certificates()).isEmpty();
    assertThat(H.eventReasons("web")).contains(Conditions.DELETED);
  }

  @Test
  void deletionWaitsWhileADomainExtensionUsesTheCertificate() throws Exception {
    String main = readyCertificate("main");
    String sni = readyCertificate("sni");
    String lb = H.slb().createLoadBalancer(REGION, "web-lb");
    H.slb().createHttpsListener(REGION, lb, 443, main);
    String extension = H.slb().createDomainExtension(REGION, lb, 443, "api.example.com", sni);

    H.delete("sni");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Condition blocked = condition(H.get("sni"), Conditions.DELETION_BLOCKED);
      assertThat(blocked).isNotNull();
      assertThat(blocked.getMessage()).contains(lb + ":443 domain extension " + extension + " (api.example.com)");
      assertThat(H.get("sni").getStatus().getInUseBy()).extracting(CertificateUse::getDomainExtensionId).containsExactly(extension);
    });

    H.slb().deleteDomainExtension(REGION, extension);

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("sni") == null);
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(main);
  }

  @Test
  void retainLeavesTheCertificateInSlb() {
    String id = readyCertificate("kept");
    H.edit("kept", spec -> spec.setDeletionPolicy(DeletionPolicy.Retain));
    await().atMost(Duration.ofSeconds(10)).until(() -> H.get("kept").getStatus().getObservedGeneration() == 2L);

    H.delete("kept");

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("kept") == null);
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(id);
    assertThat(H.emulator().callCount("DeleteServerCertificate")).isZero();
  }

  @Test
  void switchingABlockedResourceToRetainReleasesIt() throws Exception {
    String id = readyCertificate("stuck");
    String lb = H.slb().createLoadBalancer(REGION, "web-lb");
    H.slb().createHttpsListener(REGION, lb, 443, id);
    H.delete("stuck");
    await().atMost(Duration.ofSeconds(20)).until(() -> condition(H.get("stuck"), Conditions.DELETION_BLOCKED) != null);

    H.edit("stuck", spec -> spec.setDeletionPolicy(DeletionPolicy.Retain));

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("stuck") == null);
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(id);
  }

  @Test
  void whileSlbIsUnavailableTheFinalizerStays() {
    String id = readyCertificate("flaky");
    H.emulator().addFault(dev.slbcert.emulator.FaultRule.error("DeleteServerCertificate", "ServiceUnavailable", 503, 20));

    H.delete("flaky");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      ServerCertificate sc = H.get("flaky");
      assertThat(sc).isNotNull();
      assertThat(condition(sc, Conditions.READY).getReason()).isEqualTo(Conditions.DELETING);
      assertThat(condition(sc, Conditions.READY).getMessage()).contains("ServiceUnavailable");
    });
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(id);

    H.emulator().clearFaults();
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("flaky") == null);
    assertThat(H.emulator().snapshot().certificates()).isEmpty();
  }

  private String readyCertificate(String name) {
    H.createTlsSecret(name + "-tls", TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret(name, name + "-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get(name)));
    return H.get(name).getStatus().getServerCertificateId();
  }
}
