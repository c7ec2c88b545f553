package dev.slbcert.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chart installed with helm into a real single-node cluster (kubelet, scheduler, containerd),
 * its two pods running the image the image test built: rollout, the lifecycle through Kubernetes
 * objects, a leader pod deleted, an upgrade that rolls, and an uninstall. Run by
 * {@code .ci/cluster-e2e} inside the cluster's network namespace, where the SLB emulator it starts
 * listens on the node's address so that the pods reach it.
 */
@EnabledIfSystemProperty(named = "slbcert.cluster.kubeconfig", matches = ".+")
class ClusterEndToEndIT {
  private static final String NODE_IP = "10.200.0.1";
  private static final String RELEASE = "slbcert";
  private static final String NS = "slbcert-system";
  private static final String APPS = "shop";
  private static final String REGION = OperatorHarness.REGION;
  private static final String IMAGE = System.getProperty("slbcert.image.tag", "localhost/slb-certificate-operator:ci");

  private final Path kubeconfig = Path.of(System.getProperty("slbcert.cluster.kubeconfig", ""));
  private final Map<String, Long> timings = new LinkedHashMap<>();

  @Test
  void theChartRunsInARealClusterThroughRolloutLifecycleHandoverUpgradeAndUninstall() throws Exception {
    try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults().withHost(NODE_IP));
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      try {
        install(kube, emulator);
        timed("rollout: both pods Ready, one leading", () -> awaitRollout(kube, 1));
        String leader = leader(kube);

        timed("lifecycle: Ready, blocked deletion, released", () -> lifecycle(kube, slb));

        timed("leader pod deleted: the other leads and serves", () -> {
          kube.pods().inNamespace(NS).withName(leader).delete();
          await().atMost(Duration.ofSeconds(30)).until(() -> !leader.equals(leader(kube)) && leader(kube) != null);
          TestResources.certificateFromNewSecret(kube, APPS, "after-handover");
          awaitReady(kube, "after-handover");
        });
        awaitRollout(kube, 1);
        int certificatesBefore = emulator.snapshot().certificates().size();

        timed("helm upgrade (a changed value): pods roll, nothing lost", () -> {
          long generation = deployment(kube).getMetadata().getGeneration();
          new Helm(InstalledChart.CHART).upgrade().withName(RELEASE).withNamespace(NS).withKubeConfig(kubeconfig).reuseValues()
              .set("resyncInterval", "5m").set("javaOptions", "-XX:MaxRAMPercentage=60").call();
          awaitRollout(kube, generation + 1);
          TestResources.certificateFromNewSecret(kube, APPS, "after-upgrade");
          awaitReady(kube, "after-upgrade");
          assertThat(kube.resources(ServerCertificate.class).inNamespace(APPS).list().getItems()).allMatch(OperatorHarness::isReady);
          // the new pods' JVMs took the chart's javaOptions (the JVM names what it picked up in its first line)
          for (Pod pod : kube.pods().inNamespace(NS).list().getItems()) {
            if (pod.getMetadata().getDeletionTimestamp() == null) {
              assertThat(kube.pods().inNamespace(NS).withName(pod.getMetadata().getName()).getLog())
                  .contains("Picked up _JAVA_OPTIONS: -XX:MaxRAMPercentage=60");
            }
          }
        });
        assertThat(emulator.snapshot().certificates()).as("no duplicate across handover and upgrade").hasSize(certificatesBefore + 1);

        timed("helm uninstall: certificates stay", () -> {
          Helm.uninstall(RELEASE).withNamespace(NS).withKubeConfig(kubeconfig).call();
          await().atMost(Duration.ofSeconds(60)).until(() -> kube.pods().inNamespace(NS).list().getItems().isEmpty());
        });
        assertThat(kube.resources(ServerCertificate.class).inNamespace(APPS).list().getItems()).as("the resources stay, with their finalizer")
            .hasSize(2).allSatisfy(sc -> assertThat(sc.getMetadata().getFinalizers()).contains("slbcert.dev/finalizer"));
        assertThat(emulator.snapshot().certificates()).as("and so do their SLB certificates").hasSize(certificatesBefore + 1);
      } catch (Throwable failure) {
        System.out.println(diagnostics(kube));
        throw failure;
      }
    }
    StringBuilder report = new StringBuilder("Cluster end-to-end test passed with " + IMAGE + ":\n");
    timings.forEach((step, ms) -> report.append(String.format("  %-58s %6.1f s%n", step, ms / 1000.0)));
    System.out.print(report);
    Files.writeString(Path.of("target", "cluster-e2e-report.txt"), report.toString());
  }

  private void install(KubernetesClient kube, SlbEmulator emulator) throws Exception {
    timed("helm install", () -> {
      TestResources.namespace(kube, NS);
      kube.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("slb-credentials").endMetadata()
          .addToStringData("access-key-id", "emulator").addToStringData("access-key-secret", "emulator").build()).create();
      new Helm(InstalledChart.CHART).install().withName(RELEASE).withNamespace(NS).withKubeConfig(kubeconfig)
          .set("image.repository", IMAGE.substring(0, IMAGE.lastIndexOf(':'))).set("image.tag", IMAGE.substring(IMAGE.lastIndexOf(':') + 1))
          .set("image.pullPolicy", "Never").set("slb.endpoint", emulator.endpoint().toString()).call();
    });
  }

  private void lifecycle(KubernetesClient kube, AliyunSlbClient slb) throws Exception {
    TestResources.namespace(kube, APPS);
    TestResources.certificateFromNewSecret(kube, APPS, "web");
    awaitReady(kube, "web");
    var web = kube.resources(ServerCertificate.class).inNamespace(APPS).withName("web");
    String lb = slb.createLoadBalancer(REGION, "e2e-lb");
    slb.createHttpsListener(REGION, lb, 443, web.get().getStatus().getServerCertificateId());
    web.delete();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      var blocked = OperatorHarness.condition(web.get(), Conditions.DELETION_BLOCKED);
      assertThat(blocked).isNotNull();
      assertThat(blocked.getMessage()).contains(lb + ":443");
      assertThat(OperatorHarness.events(kube, APPS, "web")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo(Conditions.DELETION_BLOCKED_EVENT));
    });
    slb.deleteListener(REGION, lb, 443);
    await().atMost(Duration.ofSeconds(120)).until(() -> web.get() == null);
  }

  /** Every replica updated to the deployment's generation and Ready, and one of the pods holds the Lease. */
  private void awaitRollout(KubernetesClient kube, long generation) {
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Deployment d = deployment(kube);
      assertThat(d.getStatus().getObservedGeneration()).isGreaterThanOrEqualTo(generation);
      assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
      assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
      assertThat(d.getStatus().getReplicas()).as("old pods gone").isEqualTo(2);
      Set<String> pods = kube.pods().inNamespace(NS).list().getItems().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
      assertThat(pods).contains(leader(kube));
    });
  }

  private static Deployment deployment(KubernetesClient kube) {
    return kube.apps().deployments().inNamespace(NS).withName(RELEASE + "-" + InstalledChart.CHART_NAME).get();
  }

  private static String leader(KubernetesClient kube) {
    var lease = kube.leases().inNamespace(NS).withName(InstalledChart.LEASE_NAME).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static void awaitReady(KubernetesClient kube, String name) {
    await().atMost(Duration.ofSeconds(60)).until(() -> OperatorHarness.isReady(kube.resources(ServerCertificate.class).inNamespace(APPS).withName(name).get()));
  }

  /** The pods, their events and their logs: what a failing step leaves to read. */
  private static String diagnostics(KubernetesClient kube) {
    StringBuilder out = new StringBuilder("\n=== pods in " + NS + "\n");
    try {
      List<Pod> pods = kube.pods().inNamespace(NS).list().getItems();
      pods.forEach(p -> out.append(p.getMetadata().getName()).append(' ').append(p.getStatus().getPhase()).append(' ')
          .append(p.getStatus().getContainerStatuses()).append('\n'));
      out.append("=== events in ").append(NS).append('\n');
      kube.v1().events().inNamespace(NS).list().getItems().forEach(e -> out.append(e.getInvolvedObject().getName()).append(' ')
          .append(e.getReason()).append(": ").append(e.getMessage()).append('\n'));
      for (Pod p : pods) {
        out.append("=== log of ").append(p.getMetadata().getName()).append('\n');
        out.append(kube.pods().inNamespace(NS).withName(p.getMetadata().getName()).tailingLines(80).getLog()).append('\n');
      }
    } catch (RuntimeException e) {
      out.append("(diagnostics failed: ").append(e.getMessage()).append(")\n");
    }
    return out.toString();
  }

  private interface Step {
    void run() throws Exception;
  }

  private void timed(String name, Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    timings.put(name, (System.nanoTime() - start) / 1_000_000);
  }
}
