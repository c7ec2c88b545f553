package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import dev.slbcert.support.TestResources;
import dev.slbcert.tls.CertificateBundle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One namespace floods the operator with new ServerCertificates while the SLB call budget is
 * small; another namespace's renewals must still go through in seconds, not behind the flood.
 */
class NoisyNeighbourTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();
  private static final double SLB_CALLS_PER_SECOND = 4;
  private static final int FLOOD = 48;
  private static final Duration RENEWAL_BOUND = Duration.ofSeconds(6);

  @Test
  void anotherNamespacesRenewalsGoThroughWhileOneNamespaceFloods() throws Exception {
    String flood = H.watchAlso("flood");
    H.stopOperator();
    try (AliyunSlbClient budget = new AliyunSlbClient(SlbClientSettings.of(H.emulator().endpoint(),
        new SlbCredentials.StaticKeys("emulator", "emulator", null)).withQps(SLB_CALLS_PER_SECOND))) {
      H.startOperator(budget);
      H.createTlsSecret("victim-tls", TestCertificates.selfSigned("victim.example.com", TestCertificates.rsaKeyPair()));
      H.createFromSecret("victim", "victim-tls");
      await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("victim")));

      Instant floodStart = Instant.now();
      for (int i = 0; i < FLOOD; i++) {
        TestResources.certificateFromNewSecret(H.kube(), flood, "f-" + i);
      }
      List<Long> renewals = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Issued renewed = TestCertificates.selfSigned("victim.example.com", TestCertificates.rsaKeyPair());
        String fingerprint = CertificateBundle.fingerprint(renewed.certificate());
        Instant start = Instant.now();
        H.kube().secrets().inNamespace(H.namespace()).withName("victim-tls").edit(s -> {
          s.setData(Map.of("tls.crt", OperatorHarness.base64(renewed.chainPem()), "tls.key", OperatorHarness.base64(renewed.pkcs8KeyPem())));
          return s;
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
          ServerCertificate sc = H.get("victim");
          return isReady(sc) && fingerprint.equalsIgnoreCase(sc.getStatus().getFingerprint());
        });
        renewals.add(Duration.between(start, Instant.now()).toMillis());
      }
      long floodLeft = H.kube().resources(ServerCertificate.class).inNamespace(flood).list().getItems().stream().filter(sc -> !isReady(sc)).count();
      await().atMost(Duration.ofSeconds(120)).until(() -> H.kube().resources(ServerCertificate.class).inNamespace(flood).list().getItems()
          .stream().allMatch(OperatorHarness::isReady));
      renewals.sort(Long::compare);
      System.out.printf("noisy neighbour: %d resources created at once in one namespace, SLB limit %.0f calls/s: another namespace's renewals"
              + " p50 %d ms, p99 %d ms (%s); %d of the flood were not yet Ready after them; the flood was all Ready after %.1f s%n",
          FLOOD, SLB_CALLS_PER_SECOND, renewals.get(renewals.size() / 2), renewals.get(renewals.size() - 1), renewals, floodLeft,
          Duration.between(floodStart, Instant.now()).toMillis() / 1000.0);

      assertThat(floodLeft).as("the renewals did not wait for the whole flood").isPositive();
      assertThat(renewals).allSatisfy(ms -> assertThat(ms).isLessThan(RENEWAL_BOUND.toMillis()));
    }
  }
}
