package dev.slbcert.orphans;

import dev.slbcert.ownership.OwnershipTags;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code orphans} on a cluster with a live resource, an orphan in use, an unused orphan, another cluster's certificate and an untagged one. */
class OrphansCommandTest {
  private static final String REGION = "cn-hangzhou";
  /** This cluster's id: the UID of the embedded API's kube-system namespace once {@link #connect} made it. */
  private String cluster = "cluster-a";

  /** Makes the embedded API's kube-system namespace, so that the command knows which cluster it reaches, and takes its id. */
  private String connect(EmbeddedKubernetes kubernetes) {
    TestResources.namespace(kubernetes.client(), "kube-system");
    cluster = kubernetes.client().namespaces().withName("kube-system").get().getMetadata().getUid();
    return cluster;
  }

  @Test
  void listsThisClustersOrphansAndDeletesOnlyTheOneNoListenerUses() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      connect(kubernetes);
      TestResources.namespace(kubernetes.client(), "shop");
      ServerCertificate live = kubernetes.client().resources(ServerCertificate.class).inNamespace("shop")
          .resource(TestResources.serverCertificate("shop", "live", "live-tls")).create();
      String liveId = upload(slb, "live", Map.of(OwnershipTags.CLUSTER, cluster, OwnershipTags.OWNER, live.getMetadata().getUid()));
      String inUse = upload(slb, "orphan-in-use", Map.of(OwnershipTags.CLUSTER, cluster, OwnershipTags.OWNER, "deleted-uid-1"));
      String unused = upload(slb, "orphan-unused", Map.of(OwnershipTags.CLUSTER, cluster, OwnershipTags.OWNER, "deleted-uid-2"));
      String otherCluster = upload(slb, "other-cluster", Map.of(OwnershipTags.CLUSTER, "cluster-b", OwnershipTags.OWNER, "deleted-uid-3"));
      String untagged = upload(slb, "untagged", Map.of());
      String lb = slb.createLoadBalancer(REGION, "lb");
      slb.createHttpsListener(REGION, lb, 443, inUse);

      String listing = run(kubernetes, emulator, "--region", REGION, "--min-age", "0s");

      assertThat(listing).contains(inUse).contains(unused).contains(lb + ":443").contains("2 orphaned certificate(s)")
          .doesNotContain(liveId).doesNotContain(otherCluster).doesNotContain(untagged);
      assertThat(emulator.snapshot().certificates()).hasSize(5);

      String deletion = run(kubernetes, emulator, "--region", REGION, "--delete", "--min-age", "0s", "--cluster-id", cluster);

      assertThat(deletion).contains("deleted " + unused).contains("kept " + inUse + ": still used by " + lb + ":443");
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id)
          .containsExactlyInAnyOrder(liveId, inUse, otherCluster, untagged);
    }
  }

  @Test
  void certificatesYoungerThanTheGracePeriodAreLeftOut() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      connect(kubernetes);
      String young = upload(slb, "just-uploaded", Map.of(OwnershipTags.CLUSTER, cluster, OwnershipTags.OWNER, "not-yet-visible-uid"));

      String deletion = run(kubernetes, emulator, "--region", REGION, "--delete", "--cluster-id", cluster);

      assertThat(deletion).doesNotContain(young).contains("0 orphaned certificate(s)").contains("younger than 10m");
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(young);
    }
  }

  @Test
  void deleteRefusesAConfiguredClusterIdThatIsNotTheConnectedClusterUnlessToldItIsGone() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      TestResources.namespace(kubernetes.client(), "kube-system");
      String connected = kubernetes.client().namespaces().withName("kube-system").get().getMetadata().getUid();
      String orphan = upload(slb, "orphan", Map.of(OwnershipTags.CLUSTER, cluster, OwnershipTags.OWNER, "deleted-uid"));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code = command(kubernetes, emulator, out).execute("--region", REGION, "--delete", "--min-age", "0s");

      assertThat(code).isEqualTo(2);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("SLBCERT_CLUSTER_ID=" + cluster).contains(connected).contains("--cluster-gone " + cluster);
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(orphan);
      assertThat(run(kubernetes, emulator, "--region", REGION, "--min-age", "0s")).as("listing alone is allowed").contains(orphan)
          .contains("is not the cluster the kubeconfig reaches").contains("1 candidate(s)").doesNotContain("ServerCertificates exist");

      String gone = run(kubernetes, emulator, "--region", REGION, "--delete", "--min-age", "0s", "--cluster-gone", cluster);

      assertThat(gone).contains("deleted " + orphan);
      assertThat(emulator.snapshot().certificates()).isEmpty();
    }
  }

  @Test
  void aCertificateReleasedByRetainIsNoOrphan() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      connect(kubernetes);
      String released = upload(slb, "released", Map.of("team", "shop"));
      String adopted = upload(slb, "adopted", Map.of(OwnershipTags.CLUSTER, cluster, OwnershipTags.ADOPTED_BY, "deleted-uid"));

      String deletion = run(kubernetes, emulator, "--region", REGION, "--delete", "--min-age", "0s", "--cluster-id", cluster);

      assertThat(deletion).contains("0 orphaned certificate(s)");
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactlyInAnyOrder(released, adopted);
    }
  }

  @Test
  void releasedCertificatesAreListedApartWithTheirNamespaceAndAgeAndDeletedOnlyWhenAskedFor() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      connect(kubernetes);
      java.time.Instant threeDaysAgo = java.time.Instant.now().minus(Duration.ofDays(3)).minus(Duration.ofHours(2));
      String shopOld = upload(slb, "shop-old", released("shop", threeDaysAgo));
      String shopInUse = upload(slb, "shop-in-use", released("shop", threeDaysAgo));
      String blog = upload(slb, "blog", released("blog", java.time.Instant.now()));
      String otherCluster = upload(slb, "other-cluster", Map.of(OwnershipTags.CLUSTER, "cluster-b", OwnershipTags.RELEASED_BY, "shop@2026-01-01T00:00:00Z"));
      String lb = slb.createLoadBalancer(REGION, "lb");
      slb.createHttpsListener(REGION, lb, 443, shopInUse);

      String listing = run(kubernetes, emulator, "--region", REGION, "--delete", "--min-age", "0s", "--cluster-id", cluster);

      assertThat(listing).contains("0 orphaned certificate(s)").contains("3 released certificate(s); kept unless --delete-released")
          .containsPattern(shopOld + " +shop-old +shop +3d2h").containsPattern(blog + " +blog +blog +0m").contains(lb + ":443")
          .doesNotContain(otherCluster);
      assertThat(emulator.snapshot().certificates()).hasSize(4);

      String deletion = run(kubernetes, emulator, "--region", REGION, "--delete-released", "--released-by", "shop", "--cluster-id", cluster);

      assertThat(deletion).contains("deleted " + shopOld).contains("kept " + shopInUse + ": still used by " + lb + ":443").doesNotContain(blog);
      assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id)
          .containsExactlyInAnyOrder(shopInUse, blog, otherCluster);
    }
  }

  private Map<String, String> released(String namespace, java.time.Instant at) {
    return Map.of(OwnershipTags.CLUSTER, cluster, OwnershipTags.RELEASED_BY, new dev.slbcert.ownership.Release(namespace, at).tagValue());
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

  private String run(EmbeddedKubernetes kubernetes, SlbEmulator emulator, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = command(kubernetes, emulator, out).execute(args);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return text;
  }

  private CommandLine command(EmbeddedKubernetes kubernetes, SlbEmulator emulator, ByteArrayOutputStream out) {
    Map<String, String> env = new HashMap<>(Map.of("SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString(), "ALIBABA_CLOUD_ACCESS_KEY_ID", "emulator",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "emulator", "SLBCERT_CLUSTER_ID", cluster));
    return new CommandLine(new OrphansCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8), kubernetes::newClient));
  }
}
