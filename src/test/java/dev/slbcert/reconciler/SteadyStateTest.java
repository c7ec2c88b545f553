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

  private static Map<String, Long> totals() {
    Map<String, Long> totals = new HashMap<>();
    H.emulator().calls().forEach((action, outcomes) -> totals.put(action, outcomes.values().stream().mapToLong(Long::longValue).sum()));
    return totals;
  }
}
