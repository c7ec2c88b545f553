package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ListenerRotation;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.FaultRule;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import dev.slbcert.support.TestResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** listenerRotation Rebind: after a renewal the operator moves the listeners itself, then deletes the retired certificate. */
class ServerCertificateRebindTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void rebindMovesTwoListenersAndADomainExtensionThenDeletesTheOldCertificateAndLeavesOthersAlone() throws Exception {
    String oldId = ready("shop", ListenerRotation.Rebind);
    String otherId = ready("other", ListenerRotation.Rebind);
    String lb = H.slb().createLoadBalancer(REGION, "lb");
    H.slb().createHttpsListener(REGION, lb, 443, oldId);
    H.slb().createHttpsListener(REGION, lb, 8443, oldId);
    H.slb().createHttpsListener(REGION, lb, 9443, otherId);
    String extension = H.slb().createDomainExtension(REGION, lb, 9443, "shop.example.com", oldId);

    renew("shop");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String newId = H.get("shop").getStatus().getServerCertificateId();
      assertThat(newId).isNotEqualTo(oldId);
      assertThat(listeners(lb)).containsEntry(443, newId).containsEntry(8443, newId).containsEntry(9443, otherId);
      assertThat(domainExtension(lb, extension)).isEqualTo(newId);
      assertThat(H.get("shop").getStatus().getRetiredCertificates()).isNull();
      assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactlyInAnyOrder(newId, otherId);
    });
    String newId = H.get("shop").getStatus().getServerCertificateId();
    List<String> moves = H.events("shop").stream().filter(e -> Conditions.LISTENER_MOVED.equals(e.getReason())).map(e -> e.getMessage()).toList();
    assertThat(moves).containsExactlyInAnyOrder(
        "moved " + lb + ":443 from certificate " + oldId + " to " + newId,
        "moved " + lb + ":8443 from certificate " + oldId + " to " + newId,
        "moved " + lb + ":9443 domain extension " + extension + " (shop.example.com) from certificate " + oldId + " to " + newId);
    assertThat(H.eventReasons("other")).doesNotContain(Conditions.LISTENER_MOVED);
  }

  @Test
  void aRestartBetweenTwoMovesFinishesTheJob() throws Exception {
    String oldId = ready("shop", ListenerRotation.Rebind);
    String lb = H.slb().createLoadBalancer(REGION, "lb");
    H.slb().createHttpsListener(REGION, lb, 443, oldId);
    String extension = H.slb().createDomainExtension(REGION, lb, 443, "www.shop.example.com", oldId);
    // the listener moves, the domain extension's does not until the restart
    H.emulator().addFault(FaultRule.error("SetDomainExtensionAttribute", "ServiceUnavailable", 503, 1_000));

    renew("shop");
    await().atMost(Duration.ofSeconds(30)).until(() -> H.eventReasons("shop").contains(Conditions.LISTENER_MOVED));
    await().atMost(Duration.ofSeconds(30)).until(() -> H.emulator().callCount("SetDomainExtensionAttribute") > 0);
    H.stopOperator();
    String newId = H.get("shop").getStatus().getServerCertificateId();
    assertThat(listeners(lb)).containsEntry(443, newId);
    assertThat(domainExtension(lb, extension)).isEqualTo(oldId);
    assertThat(H.get("shop").getStatus().getRetiredCertificates()).extracting(r -> r.getServerCertificateId()).containsExactly(oldId);
    H.emulator().clearFaults();

    H.startOperator();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(listeners(lb)).containsEntry(443, newId);
      assertThat(domainExtension(lb, extension)).isEqualTo(newId);
      assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(newId);
      assertThat(H.get("shop").getStatus().getRetiredCertificates()).isNull();
    });
  }

  @Test
  void manualLeavesTheListenersOnTheRetiredCertificate() throws Exception {
    String oldId = ready("shop", ListenerRotation.Manual);
    String lb = H.slb().createLoadBalancer(REGION, "lb");
    H.slb().createHttpsListener(REGION, lb, 443, oldId);

    renew("shop");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(H.get("shop").getStatus().getRetiredCertificates())
        .extracting(r -> r.getServerCertificateId()).containsExactly(oldId));
    assertThat(listeners(lb)).containsEntry(443, oldId);
    assertThat(H.emulator().callCount("SetLoadBalancerHTTPSListenerAttribute")).isZero();
  }

  private static String ready(String name, ListenerRotation rotation) {
    H.createTlsSecret(name + "-tls", TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair()));
    var spec = TestResources.serverCertificate(H.namespace(), name, name + "-tls").getSpec();
    spec.setListenerRotation(rotation);
    H.create(name, spec);
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get(name)));
    return H.get(name).getStatus().getServerCertificateId();
  }

  private static void renew(String name) {
    Issued renewed = TestCertificates.selfSigned(name + ".example.com", TestCertificates.ecKeyPair());
    H.kube().secrets().inNamespace(H.namespace()).withName(name + "-tls").edit(s -> {
      s.setData(Map.of("tls.crt", OperatorHarness.base64(renewed.chainPem()), "tls.key", OperatorHarness.base64(renewed.pkcs8KeyPem())));
      return s;
    });
  }

  private static Map<Integer, String> listeners(String lb) {
    Map<Integer, String> byPort = new java.util.TreeMap<>();
    H.emulator().snapshot().loadBalancers().stream().filter(b -> b.id().equals(lb)).flatMap(b -> b.listeners().stream())
        .forEach(l -> byPort.put(l.port(), l.serverCertificateId()));
    return byPort;
  }

  private static String domainExtension(String lb, String id) {
    return H.emulator().snapshot().loadBalancers().stream().filter(b -> b.id().equals(lb)).flatMap(b -> b.listeners().stream())
        .flatMap(l -> l.domainExtensions().stream()).filter(d -> d.id().equals(id)).map(EmulatorSnapshot.DomainExtension::serverCertificateId)
        .findFirst().orElse(null);
  }
}
