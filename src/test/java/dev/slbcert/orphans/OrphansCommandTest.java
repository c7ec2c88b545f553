package dev.slbcert.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.CertificateNaming;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code orphans} on a cluster with a live resource, an orphan in use, an unused orphan, another cluster's certificate and an untagged one. */
class OrphansCommandTest {
  private static final String REGION = "cn-hangzhou";
  private static final String CLUSTER = "cluster-a";

  @Test
  void listsThisClustersOrphansAndDeletesOnlyTheOneNoListenerUses() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      TestResources.namespace(kubernetes.client(), "shop");
      ServerCertificate live = kubernetes.client().resources(ServerCertificate.class).inNamespace("shop")
          .resource(TestResources.serverCertificate("shop", "live", "live-tls")).create();
      String liveId = upload(slb, "live", Map.of(CertificateNaming.CLUSTER_TAG, CLUSTER, CertificateNaming.OWNER_TAG, live.getMetadata().getUid()));
      String inUse = upload(slb, "orphan-in-use", Map.of(CertificateNaming.CLUSTER_TAG, CLUSTER, CertificateNaming.OWNER_TAG, "deleted-uid-1"));
      String unused = upload(slb, "orphan-unused", Map.of(CertificateNaming.CLUSTER_TAG, CLUSTER, CertificateNaming.OWNER_TAG, "deleted-uid-2"));
      String otherCluster = upload(slb, "other-cluster", Map.of(CertificateNaming.CLUSTER_TAG, "cluster-b", CertificateNaming.OWNER_TAG, "deleted-uid-3"));
      String untagged = upload(slb, "untagged", Map.of());
      String lb = slb.createLoadBalancer(REGION, "lb");
      slb.createHttpsListener(REGION, lb, 443, inUse);

      String listing = run(kubernetes, emulator, "--region", REGION);

      assertThat(listing).contains(inUse).contains(unused).contains(lb + ":443").contains("2 orphaned certificate(s)")
          .doesNotContain(liveId).doesNotContain(otherCluster).doesNotContain(untagged);
      assertThat(emulator.snapshot().certificates()).hasSize(5);

      String deletion = run(kubernetes, emulator, "--region", REGION, "--delete");

      assertThat(deletion).contains("deleted " + unused).contains("kept " + inUse + ": still used by " + lb + ":443");
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id)
          .containsExactlyInAnyOrder(liveId, inUse, otherCluster, untagged);
    }
  }

  @Test
  void withoutRegionsItSaysWhatToGive() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new CommandLine(new OrphansCommand(Map.of(), new PrintStream(new ByteArrayOutputStream()), () -> null))
        .setErr(new java.io.PrintWriter(err, true)).execute();

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--region");
  }

  private static String upload(AliyunSlbClient slb, String name, Map<String, String> tags) throws Exception {
    var issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
    return slb.upload(CertificateUpload.pem(REGION, name, null, issued.certificatePem(), issued.pkcs8KeyPem()).withTags(tags)).id();
  }

  private static String run(EmbeddedKubernetes kubernetes, SlbEmulator emulator, String... args) {
    Map<String, String> env = new HashMap<>(Map.of("SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString(), "ALIBABA_CLOUD_ACCESS_KEY_ID", "emulator",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "emulator", "SLBCERT_CLUSTER_ID", CLUSTER));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new CommandLine(new OrphansCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8), kubernetes::newClient)).execute(args);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return text;
  }
}
