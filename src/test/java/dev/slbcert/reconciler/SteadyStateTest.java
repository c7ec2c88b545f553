package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SteadyStateTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void readyResourcesShareOneListingPerRegionPerResyncAndMakeNoOtherCalls() throws Exception {
    int resources = 8;
    for (int i = 0; i < resources; i++) {
      H.createTlsSecret("tls-" + i, TestCertificates.selfSigned("s" + i + ".example.com", TestCertificates.rsaKeyPair()));
      H.createFromSecret("cert-" + i, "tls-" + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      for (int i = 0; i < resources; i++) {
        if (!isReady(H.get("cert-" + i))) {
          return false;
        }
      }
      return true;
    });
    Map<String, Long> before = totals();
    Duration resync = OperatorHarness.FAST.resyncInterval();

    Thread.sleep(resync.multipliedBy(3).toMillis()); // a measuring window of three resync periods, not a wait for a condition

    Map<String, Long> during = new HashMap<>(totals());
    before.forEach((action, n) -> during.merge(action, -n, Long::sum));
    during.values().removeIf(n -> n == 0);
    assertThat(during.keySet()).containsOnly("DescribeServerCertificates");
    assertThat(during.get("DescribeServerCertificates")).isBetween(1L, 4L);
  }

  @Test
  void readyResourcesAreCheckedWithoutReadingTheirSecretsAgainEvenAfterARestart() throws Exception {
    var keys = TestCertificates.rsaKeyPair();
    H.createTlsSecret("tls", TestCertificates.selfSigned("quiet.example.com", keys));
    H.createFromSecret("cert", "tls");
    await().atMost(Duration.ofSeconds(30)).until(() -> isReady(H.get("cert")));
    String secretPath = "/api/v1/namespaces/" + H.namespace() + "/secrets/tls";
    assertThat(reads(secretPath)).as("the first reconciliation reads the Secret").isPositive();
    assertThat(H.get("cert").getStatus().getSecretResourceVersion()).isEqualTo(H.kube().secrets().inNamespace(H.namespace())
        .withName("tls").get().getMetadata().getResourceVersion());
    long before = reads(secretPath);
    H.restartWithSettings(OperatorHarness.FAST);
    long listingsBefore = totals().getOrDefault("DescribeServerCertificates", 0L);

    Thread.sleep(OperatorHarness.FAST.resyncInterval().multipliedBy(3).toMillis()); // a measuring window of three resync periods

    assertThat(totals().getOrDefault("DescribeServerCertificates", 0L)).as("the restarted operator checked the certificate in SLB")
        .isGreaterThan(listingsBefore);
    assertThat(reads(secretPath)).as("checks after the restart and resyncs read no Secret").isEqualTo(before);

    var renewed = TestCertificates.selfSigned("quiet-renewed.example.com", keys);
    H.kube().secrets().inNamespace(H.namespace()).resource(H.tlsSecret("tls", renewed.chainPem(), renewed.pkcs8KeyPem())).update();
    String fingerprint = dev.slbcert.tls.CertificateBundle.fingerprint(renewed.certificate());
    await().atMost(Duration.ofSeconds(30)).until(() -> fingerprint.equalsIgnoreCase(H.get("cert").getStatus().getFingerprint()));
    assertThat(reads(secretPath)).as("a new version of the Secret is read").isGreaterThan(before);
  }

  private static long reads(String path) {
    return H.operatorRequests().stream().filter(r -> r.equals("GET " + path)).count();
  }

  private static Map<String, Long> totals() {
    Map<String, Long> totals = new HashMap<>();
    H.emulator().calls().forEach((action, outcomes) -> totals.put(action, outcomes.values().stream().mapToLong(Long::longValue).sum()));
    return totals;
  }
}
