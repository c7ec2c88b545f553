package dev.slbcert.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the jar on the real API server, the emulator slow (300 ms a call): the leader is
 * frozen (SIGSTOP) in the middle of uploads for longer than its Lease, the standby takes over and
 * works, and the old leader is thawed meanwhile. The thawed replica sends no SLB write it signed after
 * the thaw (a request it had signed and passed through the fence before the freeze may still arrive:
 * the window a fence cannot close), ends, and every resource ends with exactly one certificate. Three
 * rounds.
 */
class SplitBrainIT {
  private static final String NS = "split-brain";
  private static final int ROUNDS = Integer.getInteger("slbcert.splitBrain.rounds", 3);
  private static final int PER_ROUND = 40;
  private static final int BEFORE_FREEZE = 30;
  private static final List<String> WRITES = List.of("UploadServerCertificate", "DeleteServerCertificate", "SetServerCertificateName",
      "TagResources", "UntagResources");

  @Test
  void aLeaderFrozenPastItsLeaseSendsNothingWhenThawedAndEveryResourceEndsWithOneCertificate() throws Exception {
    RealApiServer api = RealApiServer.get();
    api.applyCrd();
    InstalledChart chart = InstalledChart.defaults();
    TestResources.namespace(api.admin(), NS);
    Map<String, String> keys = Map.of("replica-a", "key-a", "replica-b", "key-b");
    EmulatorSettings settings = EmulatorSettings.defaults().withLatencyMs(300).withCertificateQuota(ROUNDS * PER_ROUND + 20)
        .withAccessKey("key-a", "secret-a").withAccessKey("key-b", "secret-b");
    try (SlbEmulator emulator = SlbEmulator.start(settings)) {
      Map<String, OperatorProcess> replicas = new LinkedHashMap<>();
      List<String> report = new ArrayList<>();
      try {
        for (int round = 1; round <= ROUNDS; round++) {
          for (String name : keys.keySet()) { // a replica that ended is started again, as Kubernetes restarts a pod
            if (replicas.get(name) == null || !replicas.get(name).process().isAlive()) {
              replicas.put(name, OperatorProcess.start(name, chart, api, emulator, keys.get(name), keys.get(name).replace("key", "secret"), NS));
            }
          }
          await().atMost(Duration.ofSeconds(60)).until(() -> holder(api, chart) != null && replicas.get(holder(api, chart)) != null
              && replicas.get(holder(api, chart)).ready());
          OperatorProcess leader = replicas.get(holder(api, chart));
          OperatorProcess standby = replicas.values().stream().filter(r -> r != leader).findFirst().orElseThrow();
          String leaderKey = keys.get(leader.name());
          String standbyKey = keys.get(standby.name());
          long leaderUploadsBefore = emulator.callsReceivedFrom(leaderKey, "UploadServerCertificate");
          long standbyUploadsBefore = emulator.callsReceivedFrom(standbyKey, "UploadServerCertificate");

          String prefix = "r" + round + "-";
          // the leader is frozen at its first upload while resources are still being created, and the rest are created while it is
          // frozen, so the standby always has uploads left to do however fast the leader is
          CompletableFuture<Void> created = CompletableFuture.runAsync(() -> IntStream.range(0, BEFORE_FREEZE)
              .forEach(i -> TestResources.certificateFromNewSecret(api.admin(), NS, prefix + i)));
          await().atMost(Duration.ofSeconds(30)).until(() -> emulator.callsReceivedFrom(leaderKey, "UploadServerCertificate") > leaderUploadsBefore);
          Instant freezing = Instant.now();
          leader.signal("STOP");
          long frozenAt = System.nanoTime();
          created.get(60, TimeUnit.SECONDS);
          for (int i = BEFORE_FREEZE; i < PER_ROUND; i++) {
            TestResources.certificateFromNewSecret(api.admin(), NS, prefix + i);
          }
          // the standby takes the Lease once it has expired, and uploads
          await().atMost(Duration.ofSeconds(60)).until(() -> standby.name().equals(holder(api, chart))
              && emulator.callsReceivedFrom(standbyKey, "UploadServerCertificate") > standbyUploadsBefore);
          long sentBeforeThaw = writesFrom(emulator, leaderKey);
          long frozenMillis = (System.nanoTime() - frozenAt) / 1_000_000;
          leader.signal("CONT");

          assertThat(leader.endsWithin(Duration.ofSeconds(30))).as("the thawed replica ends:%n%s", leader.output()).isTrue();
          assertThat(leader.process().exitValue()).as(leader.output().toString()).isEqualTo(1);
          assertThat(leader.output().toString()).contains("lost leadership");
          long sentAfterThaw = writesFrom(emulator, leaderKey) - sentBeforeThaw;
          // a request signed from two seconds after the freeze on was signed after the thaw: the fence should have stopped it. One
          // signed before the freeze and arriving after the thaw passed the fence before it: the window the README names.
          long signedAfterThaw = WRITES.stream().mapToLong(action -> emulator.callsSignedFrom(leaderKey, action, freezing.plusSeconds(2))).sum();
          try {
            await().atMost(Duration.ofSeconds(90)).until(() -> IntStream.range(0, PER_ROUND).allMatch(i -> ready(api, prefix + i)));
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not all Ready: " + notReady(api) + "\n--- " + standby.name() + ":\n" + tail(standby) + "\n--- " + leader.name()
                + ":\n" + tail(leader), e);
          }
          report.add(String.format("round %d: frozen %d ms; uploads by the old leader %d, by the new %d; writes the thawed replica signed after"
              + " the thaw %d, writes of it that arrived after the thaw %d (signed before the freeze, past the fence already)", round, frozenMillis,
              emulator.callsReceivedFrom(leaderKey, "UploadServerCertificate") - leaderUploadsBefore,
              emulator.callsReceivedFrom(standbyKey, "UploadServerCertificate") - standbyUploadsBefore, signedAfterThaw, sentAfterThaw - signedAfterThaw));
          assertThat(signedAfterThaw).as("SLB writes the thawed replica signed after the thaw:%n%s", leader.output()).isZero();
        }

        // every resource ends with one certificate: duplicates of a lost answer or a split brain are healed
        List<ServerCertificate> all = api.admin().resources(ServerCertificate.class).inNamespace(NS).list().getItems();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
          Map<String, Long> perOwner = emulator.snapshot().certificates().stream()
              .collect(Collectors.groupingBy(c -> String.valueOf(c.tags().get(OwnershipTags.OWNER)), Collectors.counting()));
          assertThat(all).allSatisfy(sc -> assertThat(perOwner.get(sc.getMetadata().getUid())).as(sc.getMetadata().getName()).isEqualTo(1L));
          assertThat(emulator.snapshot().certificates()).hasSize(ROUNDS * PER_ROUND);
        });
        OperatorHarness.awaitIdle(emulator);
        report.add(String.format("%d resources, %d certificates, %d uploads in all", all.size(), emulator.snapshot().certificates().size(),
            emulator.callCount("UploadServerCertificate")));
        report.forEach(System.out::println);
        assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).doesNotHaveDuplicates();
      } finally {
        for (OperatorProcess r : replicas.values()) {
          r.signal("CONT");
          r.process().toHandle().destroy();
          r.endsWithin(Duration.ofSeconds(20));
        }
      }
    }
  }

  private static String notReady(RealApiServer api) {
    return api.admin().resources(ServerCertificate.class).inNamespace(NS).list().getItems().stream().filter(sc -> !OperatorHarness.isReady(sc))
        .map(sc -> sc.getMetadata().getName() + "=" + OperatorHarness.readyReason(sc)).collect(Collectors.joining(", "));
  }

  private static String tail(OperatorProcess replica) {
    List<String> lines = replica.output().toString().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static long writesFrom(SlbEmulator emulator, String key) {
    return WRITES.stream().mapToLong(action -> emulator.callsReceivedFrom(key, action)).sum();
  }

  private static String holder(RealApiServer api, InstalledChart chart) {
    var lease = api.admin().leases().inNamespace(chart.namespace()).withName(InstalledChart.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static boolean ready(RealApiServer api, String name) {
    return OperatorHarness.isReady(api.admin().resources(ServerCertificate.class).inNamespace(NS).withName(name).get());
  }
}
