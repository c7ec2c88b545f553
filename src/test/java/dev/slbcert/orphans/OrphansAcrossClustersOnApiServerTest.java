package dev.slbcert.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Two clusters on one SLB account: cluster 1 the real API server, with a live ServerCertificate
 * and its certificate; cluster 2 the embedded API. {@code orphans} run from cluster 2 for cluster
 * 1's id cannot see cluster 1's resources, so it lists the certificate as a candidate and deletes
 * nothing unless told cluster 1 is gone; run from cluster 1 it knows the certificate is alive.
 */
class OrphansAcrossClustersOnApiServerTest {
  private static final String REGION = "cn-hangzhou";
  private static final String NS = "orphans-across";

  @Test
  void fromAnotherClusterALiveCertificateIsACandidateAndSurvivesDelete() throws Exception {
    RealApiServer api = RealApiServer.get();
    api.applyCrd();
    KubernetesClient clusterOne = api.admin();
    String clusterOneId = clusterOne.namespaces().withName("kube-system").get().getMetadata().getUid();
    TestResources.namespace(clusterOne, NS);
    ServerCertificate live = clusterOne.resources(ServerCertificate.class).inNamespace(NS)
        .resource(TestResources.serverCertificate(NS, "shop", "shop-tls")).create();
    try (EmbeddedKubernetes clusterTwo = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      TestResources.namespace(clusterTwo.client(), "kube-system");
      var issued = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair());
      String id = slb.upload(CertificateUpload.pem(REGION, NS + ".shop", null, issued.certificatePem(), issued.pkcs8KeyPem())
          .withTags(Map.of(OwnershipTags.CLUSTER, clusterOneId, OwnershipTags.OWNER, live.getMetadata().getUid()))).id();

      Result listed = orphans(emulator, clusterTwo::newClient, "--region", REGION, "--cluster-id", clusterOneId, "--min-age", "0s");
      Result deleted = orphans(emulator, clusterTwo::newClient, "--region", REGION, "--cluster-id", clusterOneId, "--min-age", "0s", "--delete");

      assertThat(listed.code()).isZero();
      assertThat(listed.output()).contains("is not the cluster the kubeconfig reaches").contains(id).contains("1 candidate(s)")
          .doesNotContain("ServerCertificates exist");
      assertThat(deleted.code()).isEqualTo(2);
      assertThat(deleted.output()).contains("--cluster-gone " + clusterOneId);
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(id);

      Result fromItsOwnCluster = orphans(emulator, () -> new KubernetesClientBuilder().withConfig(clusterOne.getConfiguration()).build(),
          "--region", REGION, "--min-age", "0s", "--delete");

      assertThat(fromItsOwnCluster.code()).as(fromItsOwnCluster.output()).isZero();
      assertThat(fromItsOwnCluster.output()).contains("Cluster " + clusterOneId).contains("0 orphaned certificate(s)");
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(id);
    }
  }

  private record Result(int code, String output) {}

  private static Result orphans(SlbEmulator emulator, Supplier<KubernetesClient> connectedTo, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new CommandLine(new OrphansCommand(Map.of("SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString(), "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "emulator", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "emulator"), new PrintStream(out, true, StandardCharsets.UTF_8), connectedTo)).execute(args);
    return new Result(code, out.toString(StandardCharsets.UTF_8));
  }
}
