package dev.slbcert.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.ResourceObserver;
import dev.slbcert.slb.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestResources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
  private static final String NS = "shop";

  @Test
  void onlyTheLeaderReconcilesAndTheFollowerTakesOverWhenItStops() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      TestResources.namespace(kubernetes.client(), NS);
      OperatorRuntime first = replica(kubernetes, slb, "replica-1").start();
      await().atMost(Duration.ofSeconds(15)).until(first::isLeading);
      OperatorRuntime second = replica(kubernetes, slb, "replica-2").start();
      try {
        create(kubernetes, "one");
        await().atMost(Duration.ofSeconds(20)).until(() -> ready(kubernetes, "one"));
        assertThat(first.isReady()).isTrue();
        assertThat(second.isLeading()).isFalse();
        assertThat(second.isReady()).as("a follower is not ready").isFalse();

        first.close();
        await().atMost(Duration.ofSeconds(30)).until(second::isLeading);
        create(kubernetes, "two");

        await().atMost(Duration.ofSeconds(30)).until(() -> ready(kubernetes, "two"));
        assertThat(emulator.snapshot().certificates()).hasSize(2);
        assertThat(emulator.callCount("UploadServerCertificate")).isEqualTo(2);
        assertThat(List.of(status(kubernetes, "one"), status(kubernetes, "two")))
            .containsExactlyInAnyOrderElementsOf(emulator.snapshot().certificates().stream().map(c -> c.id()).toList());
      } finally {
        second.close();
      }
    }
  }

  private static OperatorRuntime replica(EmbeddedKubernetes kubernetes, AliyunSlbClient slb, String identity) {
    var election = new OperatorRuntime.LeaderElection("slb-certificate-operator", NS, identity,
        Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250), false);
    return new OperatorRuntime(kubernetes.newClient(), slb, OperatorHarness.FAST, Set.of(NS), Clock.systemUTC(), ResourceObserver.NONE, election);
  }

  private static void create(EmbeddedKubernetes kubernetes, String name) {
    TestResources.certificateFromNewSecret(kubernetes.client(), NS, name);
  }

  private static boolean ready(EmbeddedKubernetes kubernetes, String name) {
    return OperatorHarness.isReady(kubernetes.client().resources(ServerCertificate.class).inNamespace(NS).withName(name).get());
  }

  private static String status(EmbeddedKubernetes kubernetes, String name) {
    return kubernetes.client().resources(ServerCertificate.class).inNamespace(NS).withName(name).get().getStatus().getServerCertificateId();
  }
}
