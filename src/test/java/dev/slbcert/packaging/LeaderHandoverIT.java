package dev.slbcert.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the built jar, configured as the chart's Deployment configures its pods (leader
 * election on the chart's Lease, all namespaces, the chart's ServiceAccount token), on a real API
 * server: SIGTERM to the leader ends it promptly with status 0 and the other takes over.
 */
class LeaderHandoverIT {
  private static final String NS = "handover";
  private static final int CREATES = 50;

  @Test
  void sigtermInTheMiddleOfFiftyCreatesEndsTheLeaderAndTheStandbyFinishesThemWithoutDuplicates() throws Exception {
    RealApiServer api = RealApiServer.get();
    api.applyCrd();
    InstalledChart chart = InstalledChart.defaults();
    TestResources.namespace(api.admin(), NS);
    try (SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults())) {
      OperatorProcess a = OperatorProcess.start("replica-a", chart, api, emulator);
      OperatorProcess b = OperatorProcess.start("replica-b", chart, api, emulator);
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> holder(api, chart) != null);
        OperatorProcess leader = holder(api, chart).equals(a.name()) ? a : b;
        OperatorProcess standby = leader == a ? b : a;
        TestResources.certificateFromNewSecret(api.admin(), NS, "first");
        await().atMost(Duration.ofSeconds(30)).until(() -> ready(api, "first"));
        assertThat(leader.ready()).isTrue();
        // the standby is ready too (informers synced), so a rollout can proceed
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(standby::ready);

        // 50 creates; the leader is stopped in the middle of them
        long signalled = 0;
        java.util.concurrent.atomic.AtomicLong exitedAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong takenOverAt = new java.util.concurrent.atomic.AtomicLong();
        leader.process().onExit().thenRun(() -> exitedAt.set(System.nanoTime()));
        for (int i = 0; i < CREATES; i++) {
          TestResources.certificateFromNewSecret(api.admin(), NS, "batch-" + i);
          if (i == CREATES / 2) {
            signalled = System.nanoTime();
            leader.process().toHandle().destroy(); // SIGTERM, as the kubelet stops a container
            // the takeover is timed as it happens, while the creates go on
            java.util.concurrent.CompletableFuture.runAsync(() -> await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> standby.name().equals(holder(api, chart)))).thenRun(() -> takenOverAt.set(System.nanoTime()));
          }
        }
        assertThat(leader.process().waitFor(10, TimeUnit.SECONDS)).as("leader ends within 10 s of SIGTERM:%n%s", leader.output()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> exitedAt.get() != 0);
        long exitMillis = TimeUnit.NANOSECONDS.toMillis(exitedAt.get() - signalled);
        await().atMost(Duration.ofSeconds(30)).until(() -> takenOverAt.get() != 0);
        long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(takenOverAt.get() - signalled);
        await().atMost(Duration.ofSeconds(60)).until(() -> java.util.stream.IntStream.range(0, CREATES).allMatch(i -> ready(api, "batch-" + i)));

        System.out.printf("leader exit after SIGTERM: %d ms; standby leading after: %d ms%n", exitMillis, takeoverMillis);
        assertThat(leader.process().exitValue()).as(leader.output().toString()).isZero();
        assertThat(leader.output().toString()).contains("released Lease").doesNotContain("Exception");
        assertThat(exitMillis).isLessThan(5_000);
        assertThat(takeoverMillis).as("taken over well before the Lease's 15 s would expire").isLessThan(5_000);
        OperatorHarness.awaitIdle(emulator);
        assertThat(emulator.snapshot().certificates()).as("one certificate per resource: no duplicate across the handover").hasSize(CREATES + 1);
        assertThat(emulator.callCount("UploadServerCertificate")).isEqualTo(CREATES + 1);
        assertThat(api.auditedCalls(chart.user())).filteredOn(c -> c.code() == 403).as("calls the chart's RBAC refused").isEmpty();
      } finally {
        a.process().toHandle().destroy();
        b.process().toHandle().destroy();
        boolean aEnded = a.endsWithin(Duration.ofSeconds(20));
        boolean bEnded = b.endsWithin(Duration.ofSeconds(20));
        for (OperatorProcess r : new OperatorProcess[] {a, b}) {
          assertThat(r == a ? aEnded : bEnded).as("%s ends on SIGTERM:%n%s", r.name(), r.output()).isTrue();
          assertThat(r.process().exitValue()).as(r.output().toString()).isZero();
        }
      }
    }
  }

  private static String holder(RealApiServer api, InstalledChart chart) {
    var lease = api.admin().leases().inNamespace(chart.namespace()).withName(InstalledChart.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static boolean ready(RealApiServer api, String name) {
    return OperatorHarness.isReady(api.admin().resources(ServerCertificate.class).inNamespace(NS).withName(name).get());
  }
}
