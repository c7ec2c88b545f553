package dev.slbcert.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.ResourceMetrics;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas with the chart's identity electing a leader on the chart's Lease, on a real API server. */
class LeaderElectionOnApiServerTest {
  private static final RealApiServer API = RealApiServer.get();
  private static int counter;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private InstalledChart chart;
  private SlbEmulator emulator;
  private AliyunSlbClient slb;
  private String namespace;

  @BeforeEach
  void setUp() throws Exception {
    API.applyCrd();
    chart = InstalledChart.defaults();
    emulator = SlbEmulator.start(EmulatorSettings.defaults());
    slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)));
    namespace = "leader-election-" + (++counter);
    TestResources.namespace(API.admin(), namespace);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : reversed(opened)) {
      c.close();
    }
    slb.close();
    emulator.close();
  }

  @Test
  void oneReplicaLeadsAndTheOtherTakesOverWithinSecondsWhenItStops() {
    OperatorRuntime first = replica("replica-1").start();
    await().atMost(Duration.ofSeconds(15)).until(first::isLeading);
    OperatorRuntime second = replica("replica-2").start();
    create("one");
    await().atMost(Duration.ofSeconds(20)).until(() -> ready("one"));
    assertThat(second.isLeading()).isFalse();
    assertThat(second.isReady()).as("a standby with synced informers is ready, so that a rollout can proceed").isTrue();
    assertThat(holder()).isEqualTo("replica-1");

    first.close();
    long stopped = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).until(second::isLeading);
    long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
    create("two");

    await().atMost(Duration.ofSeconds(20)).until(() -> ready("two"));
    assertThat(holder()).isEqualTo("replica-2");
    assertThat(takeoverMillis).as("takeover after a released Lease, not after its %d s duration", 15).isLessThan(5_000);
    assertThat(emulator.snapshot().certificates()).hasSize(2);
    assertThat(emulator.callCount("UploadServerCertificate")).isEqualTo(2);
  }

  @Test
  void aLeaderWhoseLeaseIsTakenReportsLostLeadership() throws Exception {
    CountDownLatch lost = new CountDownLatch(1);
    OperatorRuntime leader = replica("replica-1").onLostLeadership(lost::countDown).start();
    await().atMost(Duration.ofSeconds(15)).until(leader::isLeading);

    API.admin().leases().inNamespace(chart.namespace()).withName(InstalledChart.LEASE_NAME).edit(lease -> {
      lease.getSpec().setHolderIdentity("intruder");
      lease.getSpec().setLeaseDurationSeconds(3600);
      lease.getSpec().setRenewTime(ZonedDateTime.now());
      return lease;
    });

    assertThat(lost.await(20, TimeUnit.SECONDS)).as("lost leadership reported").isTrue();
    assertThat(leader.isLeading()).isFalse();
    leader.close();
    assertThat(holder()).as("a replica that lost the Lease leaves it to its holder").isEqualTo("intruder");
    API.admin().leases().inNamespace(chart.namespace()).withName(InstalledChart.LEASE_NAME).delete();
  }

  private static List<AutoCloseable> reversed(List<AutoCloseable> list) {
    List<AutoCloseable> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private OperatorRuntime replica(String identity) {
    var election = new OperatorRuntime.LeaderElection(InstalledChart.LEASE_NAME, chart.namespace(), identity,
        Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(500));
    KubernetesClient client = API.clientAs(chart.namespace(), chart.serviceAccount(), election::installInto);
    OperatorRuntime runtime = new OperatorRuntime(client, slb, OperatorHarness.FAST, Set.of(namespace), Clock.systemUTC(), ResourceMetrics.NONE, election);
    opened.add(client);
    opened.add(runtime);
    return runtime;
  }

  private String holder() {
    Lease lease = API.admin().leases().inNamespace(chart.namespace()).withName(InstalledChart.LEASE_NAME).get();
    return lease.getSpec().getHolderIdentity();
  }

  private void create(String name) {
    TestResources.certificateFromNewSecret(API.admin(), namespace, name);
  }

  private boolean ready(String name) {
    return OperatorHarness.isReady(API.admin().resources(ServerCertificate.class).inNamespace(namespace).withName(name).get());
  }
}
