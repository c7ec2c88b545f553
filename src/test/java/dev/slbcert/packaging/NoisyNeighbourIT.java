package dev.slbcert.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.orphans.OrphansCommand;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.MetricsScrape;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * What one tenant (a ServiceAccount with rights in its own namespaces only) can do to the
 * operator that serves every namespace, tried on the real API server against the built jar run
 * with the chart's heap (384 MiB of its 512 MiB limit) and the chart's identity: after each attack
 * the operator is still ready and another namespace's certificate still renews or becomes Ready
 * within a stated time. The attacks run in order on one operator; a ResourceQuota is kept true by
 * kube-controller-manager's quota controller, as in a cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoisyNeighbourIT {
  private static final String VICTIM = "noisy-victim";
  private static final String TENANT = "noisy-tenant";
  private static final List<String> CRAFTED = IntStream.rangeClosed(1, 5).mapToObj(i -> "noisy-crafted-" + i).toList();
  private static final int RETAIN_LIMIT = 3;
  /** SLB's region quota: the victim's certificate and five released ones fill it; the limit leaves room. */
  private static final int REGION_QUOTA = 6;
  private static final Duration VICTIM_WITHIN = Duration.ofSeconds(30);
  private static final List<String> FIGURES = new ArrayList<>();

  private static RealApiServer api;
  private static InstalledChart chart;
  private static SlbEmulator emulator;
  private static Process quotaController;
  private static OperatorProcess operator;
  private static int metricsPort;
  private static KubernetesClient admin;

  @BeforeAll
  static void operatorWithTheChartsHeapAndIdentity() throws Exception {
    api = RealApiServer.get();
    api.applyCrd();
    admin = api.admin();
    chart = InstalledChart.install("noisy", "noisy-system", Map.of());
    for (String namespace : namespaces()) {
      TestResources.namespace(admin, namespace);
    }
    for (String namespace : tenantNamespaces()) {
      tenantRole(namespace);
    }
    quotaController = startQuotaController(api.adminKubeconfig());
    emulator = SlbEmulator.start(EmulatorSettings.defaults().withCertificateQuota(REGION_QUOTA));
    try (ServerSocket free = new ServerSocket(0)) {
      metricsPort = free.getLocalPort();
    }
    operator = start();
    TestResources.certificateFromNewSecret(admin, VICTIM, "web");
    await().atMost(VICTIM_WITHIN).until(() -> OperatorHarness.isReady(victim("web")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null && operator.process().isAlive()) {
      leaveNothingForTheNextTests();
    }
    if (operator != null) {
      operator.process().destroy();
      operator.endsWithin(Duration.ofSeconds(30));
    }
    if (quotaController != null) {
      quotaController.destroy();
    }
    if (emulator != null) {
      emulator.close();
    }
    FIGURES.forEach(System.out::println);
    Files.writeString(Path.of("target", "noisy-neighbour-report.txt"), String.join("\n", FIGURES) + "\n");
  }

  @Test
  @Order(1)
  void largeSecretsDoNotStopTheOperatorFromStarting() throws Exception {
    KubernetesClient tenant = api.clientAs(TENANT, "tenant");
    String junk = Base64.getEncoder().encodeToString(new byte[1_000_000]);
    for (int i = 0; i < 120; i++) {
      tenant.secrets().inNamespace(TENANT).resource(new SecretBuilder().withNewMetadata().withName("big-" + i).addToLabels("noisy", "big").endMetadata()
          .withType("kubernetes.io/tls").withData(Map.of("tls.crt", junk, "tls.key", Base64.getEncoder().encodeToString("junk".getBytes())))
          .build()).create();
    }

    long started = System.nanoTime();
    restart();
    long readyMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(operator.process().isAlive()).as(operator.output().toString()).isTrue();
    assertThat(operator.output().toString()).doesNotContain("OutOfMemoryError");
    Duration renewal = victimRenews();
    FIGURES.add(String.format("120 Secrets of 1 MB in one namespace: ready %d ms after start with -Xmx384m, RSS %d MiB; another namespace"
        + " renewed in %d ms", readyMillis, rssMib(), renewal.toMillis()));
  }

  @Test
  @Order(2)
  void aCraftedKeyBesideALongChainCostsOthersNothing() throws Exception {
    String chain = IntStream.range(0, 300).mapToObj(i -> TestCertificates.selfSigned("c" + i + ".example.com", TestCertificates.ecKeyPair())
        .certificatePem()).collect(Collectors.joining());
    String key = TestCertificates.pkcs8(KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(
        new BigInteger(16384, new SecureRandom()).setBit(16383).setBit(0), new BigInteger(16000, new SecureRandom()))));
    long started = System.nanoTime();
    for (String namespace : CRAFTED) {
      KubernetesClient tenant = api.clientAs(namespace, "tenant");
      tenant.secrets().inNamespace(namespace).resource(TestResources.tlsSecret(namespace, "crafted", chain, key)).create();
      for (int i = 0; i < 50; i++) {
        tenant.resources(ServerCertificate.class).inNamespace(namespace)
            .resource(TestResources.serverCertificate(namespace, "crafted-" + i, "crafted")).create();
      }
    }

    Duration renewal = victimRenews();
    await().atMost(Duration.ofSeconds(60)).until(() -> CRAFTED.stream()
        .flatMap(ns -> admin.resources(ServerCertificate.class).inNamespace(ns).list().getItems().stream())
        .filter(sc -> Conditions.INPUT_TOO_LARGE.equals(OperatorHarness.readyReason(sc))).count() == 250);
    long allRefusedMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(operator.ready()).isTrue();
    FIGURES.add(String.format("250 resources on a 16,384-bit non-CRT key beside 300 certificates: another namespace renewed in %d ms;"
        + " all 250 refused (InputTooLarge) %d ms after the first was created", renewal.toMillis(), allRefusedMillis));
  }

  @Test
  @Order(3)
  void idleConnectionsToEitherPortDoNotKeepTheProbesFromAnswering() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Socket probePort = new Socket("127.0.0.1", operator.port());
        probePort.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        idle.add(probePort);
        idle.add(new Socket("127.0.0.1", metricsPort)); // not even a TLS hello
      }
      long slowest = 0;
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 5; i++) {
        long started = System.nanoTime();
        HttpResponse<String> healthz = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.port() + "/healthz"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(healthz.statusCode()).isEqualTo(200);
        slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        Thread.sleep(1_000); // the probes' period, shortened: the idle connections stay open across several
      }
      assertThat(operator.ready()).isTrue();
      FIGURES.add(String.format("16 idle connections on each port: /healthz answered 5 of 5, the slowest in %d ms", slowest));
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
  }

  @Test
  @Order(4)
  void metricsNameNoNamespaceToATenantOrToAnyoneWithoutAToken() throws Exception {
    HttpResponse<String> anonymous = MetricsScrape.https(metricsPort, null);
    HttpResponse<String> asTenant = MetricsScrape.https(metricsPort, api.token(TENANT, "tenant"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(asTenant.statusCode()).isEqualTo(403);
    for (HttpResponse<String> refused : List.of(anonymous, asTenant)) {
      assertThat(refused.body()).doesNotContain(VICTIM);
    }
    HttpResponse<String> probePort = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + operator.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(probePort.statusCode()).isEqualTo(404);
    assertThat(probePort.body()).doesNotContain(VICTIM);
  }

  @Test
  @Order(5)
  void retainCannotFillTheRegionPastTheNamespacesLimit() throws Exception {
    admin.resourceQuotas().inNamespace(TENANT).resource(new ResourceQuotaBuilder().withNewMetadata().withName("server-certificates").endMetadata()
        .withNewSpec().addToHard("count/servercertificates.slbcert.dev", new io.fabric8.kubernetes.api.model.Quantity("1")).endSpec().build())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      var quota = admin.resourceQuotas().inNamespace(TENANT).withName("server-certificates").get();
      return quota.getStatus() != null && quota.getStatus().getUsed() != null && !quota.getStatus().getUsed().isEmpty();
    });
    KubernetesClient tenant = api.clientAs(TENANT, "tenant");
    var resources = tenant.resources(ServerCertificate.class).inNamespace(TENANT);
    int released = 0;
    String held = null;
    String refusedByQuota = null;
    for (int cycle = 1; cycle <= 5; cycle++) {
      String name = "kept-" + cycle;
      var issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
      tenant.secrets().inNamespace(TENANT).resource(TestResources.tlsSecret(TENANT, name, issued.chainPem(), issued.pkcs8KeyPem())).create();
      ServerCertificate sc = TestResources.serverCertificate(TENANT, name, name);
      sc.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
      try {
        resources.resource(sc).create();
      } catch (KubernetesClientException e) {
        refusedByQuota = e.getMessage();
        break;
      }
      await().atMost(VICTIM_WITHIN).until(() -> OperatorHarness.isReady(resources.withName(name).get()));
      resources.withName(name).delete();
      await().atMost(VICTIM_WITHIN).until(() -> resources.withName(name).get() == null
          || Conditions.RETAIN_LIMIT_REACHED.equals(OperatorHarness.readyReason(resources.withName(name).get())));
      if (resources.withName(name).get() == null) {
        released++;
      } else {
        held = name;
      }
    }

    assertThat(released).isEqualTo(RETAIN_LIMIT);
    assertThat(held).isEqualTo("kept-" + (RETAIN_LIMIT + 1));
    assertThat(refusedByQuota).as("the fifth create, while the fourth waits").contains("exceeded quota");
    List<EmulatorSnapshot.Certificate> releasedByTenant = emulator.snapshot().certificates().stream()
        .filter(c -> String.valueOf(c.tags().get(OwnershipTags.RELEASED_BY)).startsWith(TENANT + "@")).toList();
    assertThat(releasedByTenant).hasSize(RETAIN_LIMIT);

    TestResources.certificateFromNewSecret(admin, VICTIM, "shop");
    await().atMost(VICTIM_WITHIN).until(() -> OperatorHarness.isReady(victim("shop")));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new CommandLine(new OrphansCommand(Map.of("SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString(),
        "ALIBABA_CLOUD_ACCESS_KEY_ID", EmulatorSettings.DEFAULT_ACCESS_KEY_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", EmulatorSettings.DEFAULT_ACCESS_KEY_SECRET),
        new PrintStream(out, true, StandardCharsets.UTF_8), // a client of its own: the command closes it
        () -> new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(admin.getConfiguration()).build()))
        .execute("--region", OperatorHarness.REGION);
    String listing = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(listing).isZero();
    assertThat(listing).contains(RETAIN_LIMIT + " released certificate(s)");
    releasedByTenant.forEach(c -> assertThat(listing).containsPattern(c.id() + " .* " + TENANT + " "));
    FIGURES.add(String.format("Retain x5 under a ResourceQuota of 1: %d released (tagged %s), the next deletion waits (%s), the fifth create"
        + " refused by the quota; another namespace's new certificate Ready in a region quota of %d", released, TENANT,
        Conditions.RETAIN_LIMIT_REACHED, REGION_QUOTA));
  }

  /** The API server is the JVM's: the large Secrets and the 250 resources would slow every operator the next tests start. */
  private static void leaveNothingForTheNextTests() {
    admin.secrets().inNamespace(TENANT).withLabel("noisy", "big").delete();
    for (String namespace : tenantNamespaces()) {
      admin.resources(ServerCertificate.class).inNamespace(namespace).list().getItems().stream()
          .filter(sc -> sc.getSpec().getDeletionPolicy() == DeletionPolicy.Retain)
          .forEach(sc -> admin.resources(ServerCertificate.class).inNamespace(namespace).withName(sc.getMetadata().getName())
              .edit(held -> {
                held.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
                return held;
              }));
      admin.resources(ServerCertificate.class).inNamespace(namespace).delete();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> tenantNamespaces().stream()
        .allMatch(ns -> admin.resources(ServerCertificate.class).inNamespace(ns).list().getItems().isEmpty()));
  }

  private static OperatorProcess start() throws Exception {
    OperatorProcess started = OperatorProcess.start("noisy", chart, api, emulator, EmulatorSettings.DEFAULT_ACCESS_KEY_ID,
        EmulatorSettings.DEFAULT_ACCESS_KEY_SECRET, String.join(",", namespaces()),
        Map.of("SLBCERT_METRICS_PORT", String.valueOf(metricsPort), "SLBCERT_RETAIN_LIMIT", String.valueOf(RETAIN_LIMIT)),
        List.of("@" + Path.of("deploy", "jvm.options").toAbsolutePath(), "-Xmx384m"));
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> !started.process().isAlive() || started.ready());
    assertThat(started.process().isAlive()).as("the operator exited at start:%n%s", started.output()).isTrue();
    return started;
  }

  private static void restart() throws Exception {
    operator.process().destroy();
    assertThat(operator.endsWithin(Duration.ofSeconds(30))).isTrue();
    operator = start();
  }

  /** Renews the victim's Secret and waits until its resource is Ready on the new certificate; returns how long that took. */
  private static Duration victimRenews() {
    String before = victim("web").getStatus().getServerCertificateId();
    var issued = TestCertificates.selfSigned("web.example.com", TestCertificates.rsaKeyPair());
    long started = System.nanoTime();
    var renewed = TestResources.tlsSecret(VICTIM, "web", issued.chainPem(), issued.pkcs8KeyPem());
    admin.secrets().inNamespace(VICTIM).withName("web").edit(s -> new SecretBuilder(s).withData(renewed.getData()).build());
    try {
      await().atMost(VICTIM_WITHIN).until(() -> {
        ServerCertificate web = victim("web");
        return OperatorHarness.isReady(web) && !Objects.equals(before, web.getStatus().getServerCertificateId());
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      String log = operator.output().toString();
      throw new AssertionError("another namespace's renewal did not reach Ready within " + VICTIM_WITHIN + "; its status: "
          + io.fabric8.kubernetes.client.utils.Serialization.asYaml(victim("web").getStatus()) + "\noperator log (end):\n" + log.substring(Math.max(0, log.length() - 6000)), e);
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static ServerCertificate victim(String name) {
    return admin.resources(ServerCertificate.class).inNamespace(VICTIM).withName(name).get();
  }

  private static long rssMib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(operator.process().pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  private static List<String> namespaces() {
    List<String> all = new ArrayList<>(List.of(VICTIM));
    all.addAll(tenantNamespaces());
    return all;
  }

  private static List<String> tenantNamespaces() {
    List<String> tenant = new ArrayList<>(List.of(TENANT));
    tenant.addAll(CRAFTED);
    return tenant;
  }

  /** A ServiceAccount "tenant" with rights on ServerCertificates and Secrets in {@code namespace} only. */
  private static void tenantRole(String namespace) {
    admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata().withName("tenant").endMetadata()
        .build()).create();
    admin.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName("tenant").endMetadata()
        .addToRules(new PolicyRuleBuilder().withApiGroups("slbcert.dev").withResources("servercertificates")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build())
        .addToRules(new PolicyRuleBuilder().withApiGroups("").withResources("secrets")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build())
        .build()).create();
    admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata().withName("tenant").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "tenant")
        .addNewSubject().withKind("ServiceAccount").withName("tenant").withNamespace(namespace).endSubject().build()).create();
  }

  /** kube-controller-manager with the quota controller only: ResourceQuota usage stays true after deletes, as in a cluster. */
  private static Process startQuotaController(Path kubeconfig) throws Exception {
    Path binary = Path.of(System.getProperty("user.home"), ".kubeapitest", "k8s", "1.26.4-linux-amd64", "kube-controller-manager");
    String dir = System.getenv("KUBE_API_TEST_DIR");
    if (dir != null) {
      binary = Path.of(dir, "k8s", "1.26.4-linux-amd64", "kube-controller-manager");
    }
    Path log = Files.createTempFile("kube-controller-manager", ".log");
    return new ProcessBuilder(binary.toString(), "--kubeconfig=" + kubeconfig, "--controllers=resourcequota", "--leader-elect=false",
        "--secure-port=0", "--use-service-account-credentials=false")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
