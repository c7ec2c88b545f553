package dev.slbcert.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.config.OperatorConfig;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.runtime.ClusterIdentity;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two clusters (the real API server and the embedded one) on one SLB account, running the same
 * manifest with the operator's default settings: SLB's console tells their certificates apart by
 * name, each cluster's name beginning with its own prefix, and each tagged with its cluster.
 */
class TwoClustersOneAccountOnApiServerTest {
  private static final String NS = "two-clusters";

  @Test
  void theSameManifestInTwoClustersGivesTwoCertificatesWhoseNamesTellTheClustersApart() throws Exception {
    RealApiServer api = RealApiServer.get();
    api.applyCrd();
    try (KubernetesClient clusterOne = new KubernetesClientBuilder().withConfig(api.admin().getConfiguration()).build();
        EmbeddedKubernetes clusterTwo = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      TestResources.namespace(clusterTwo.client(), "kube-system");
      var issued = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair());
      for (KubernetesClient cluster : new KubernetesClient[] {clusterOne, clusterTwo.client()}) {
        TestResources.namespace(cluster, NS);
        cluster.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, "shop-tls", issued.chainPem(), issued.pkcs8KeyPem())).create();
      }
      try (OperatorRuntime one = operator(clusterOne, slb); OperatorRuntime two = operator(clusterTwo.newClient(), slb)) {
        for (KubernetesClient cluster : new KubernetesClient[] {clusterOne, clusterTwo.client()}) {
          cluster.resources(ServerCertificate.class).inNamespace(NS).resource(TestResources.serverCertificate(NS, "shop", "shop-tls")).create();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> OperatorHarness.isReady(get(clusterOne)) && OperatorHarness.isReady(get(clusterTwo.client())));
      }
      String idOne = ClusterIdentity.resolve(null, clusterOne);
      String idTwo = ClusterIdentity.resolve(null, clusterTwo.client());
      var certificates = emulator.snapshot().certificates();
      assertThat(certificates).hasSize(2);
      assertThat(certificates).extracting(EmulatorSnapshot.Certificate::name).doesNotHaveDuplicates()
          .allSatisfy(name -> assertThat(name).matches("k8s-[0-9a-z]{8}\\." + NS + "\\.shop"));
      assertThat(nameTaggedWith(certificates, idOne)).startsWith("k8s-" + idOne.replace("-", "").substring(0, 8) + ".");
      assertThat(nameTaggedWith(certificates, idTwo)).startsWith("k8s-" + idTwo.replace("-", "").substring(0, 8) + ".");
    } finally {
      api.admin().namespaces().withName(NS).delete();
    }
  }

  /** An operator as the chart starts it: default settings (no name prefix configured), the cluster's id from its kube-system namespace. */
  private static OperatorRuntime operator(KubernetesClient cluster, AliyunSlbClient slb) throws Exception {
    ReconcilerSettings defaults = OperatorConfig.fromEnvironment(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "emulator",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "emulator")).reconciler();
    ReconcilerSettings settings = new ReconcilerSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ZERO,
        Duration.ofSeconds(3)).withNamePrefix(defaults.namePrefix()).withClusterId(ClusterIdentity.resolveOrNone(defaults.clusterId(), cluster));
    return new OperatorRuntime(cluster, slb, settings, Set.of(NS), Clock.systemUTC()).start();
  }

  private static ServerCertificate get(KubernetesClient cluster) {
    return cluster.resources(ServerCertificate.class).inNamespace(NS).withName("shop").get();
  }

  private static String nameTaggedWith(java.util.List<EmulatorSnapshot.Certificate> certificates, String clusterId) {
    return certificates.stream().filter(c -> clusterId.equals(c.tags().get(OwnershipTags.CLUSTER))).findFirst().orElseThrow().name();
  }
}
