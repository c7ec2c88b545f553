package dev.slbcert.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.MetricsScrape;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Builds the image from the repository's unmodified Dockerfile with podman and runs it the way the
 * chart's Deployment runs its pod: the rendered environment, user 10001, read-only root
 * filesystem with {@code /tmp} on a tmpfs, all capabilities dropped, no privilege escalation, and
 * the chart's ServiceAccount token mounted where Kubernetes mounts it, against the real API server
 * and the SLB emulator on the host's loopback.
 *
 * <p>Run by {@code .ci/image-test} (after {@code mvn -B verify}), which sets
 * {@code -Dslbcert.image.test=true}. With no registry reachable, that script passes base images made
 * from Debian packages through the Dockerfile's build arguments ({@code slbcert.image.build-args});
 * without them the Dockerfile's defaults, the official images, are used.
 */
@EnabledIfSystemProperty(named = "slbcert.image.test", matches = "true")
class ContainerImageIT {
  private static final String IMAGE = System.getProperty("slbcert.image.tag", "localhost/slb-certificate-operator:ci");
  private static final String CONTAINER = "slbcert-image-test";
  private static final String TOKEN_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
  private static final String NS = "image-test";
  private static final String REGION = OperatorHarness.REGION;

  @Test
  void theBuiltImageRunsTheOperatorUnderTheChartsSecuritySettings() throws Exception {
    long buildStart = System.nanoTime();
    build();
    long buildSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - buildStart);
    long imageBytes = Long.parseLong(podman("image", "inspect", "--format", "{{.Size}}", IMAGE).trim());
    // a jlinked runtime on a distroless base (474 MiB on a whole JRE, 289 MiB on a slim base)
    assertThat(imageBytes).as("image size in bytes, under 250 MB").isLessThan(250_000_000L);
    // the entrypoint's class-data archive maps: with -Xshare:on a JVM that cannot use it fails instead of starting without it
    podman("run", "--rm", "--network", "host", "--user", "10001:10001", "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096",
        "--entrypoint", "java", IMAGE, "@/app/jvm.options", "-Xshare:on",
        "-XX:SharedArchiveFile=/app/slb-certificate-operator.jsa", "-jar", "/app/slb-certificate-operator.jar", "--help");

    RealApiServer api = RealApiServer.get();
    api.applyCrd();
    InstalledChart chart = InstalledChart.defaults();
    RenderedChart rendered = RenderedChart.render(chart.release(), chart.namespace(), Map.of());
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    TestResources.namespace(api.admin(), NS);
    int httpPort = freePort();
    int metricsPort = freePort();
    String prometheusToken = metricsReaderToken(api, chart);
    try (SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      podman("rm", "--force", "--ignore", CONTAINER);
      long runStart = System.nanoTime();
      podman(runCommand(pod, chart, api, emulator, httpPort, metricsPort).toArray(String[]::new));
      try {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(httpPort, "/readyz").statusCode() == 200);
        long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStart);
        assertThat(get(httpPort, "/healthz").body()).isEqualTo("ok\n");

        String lifecycle = runLifecycle(api.admin(), slb, emulator);

        assertThat(MetricsScrape.https(metricsPort, null).statusCode()).as("a scrape without a token").isEqualTo(401);
        var scrape = MetricsScrape.https(metricsPort, prometheusToken);
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics).contains("slbcert_reconciliations_total{outcome=\"Available\"}").contains("slbcert_slb_calls_seconds_count");
        // read from the host: the image has no shell and no cat
        String status = Files.readString(Path.of("/proc", podman("inspect", "--format", "{{.State.Pid}}", CONTAINER).trim(), "status"));
        assertThat(status).containsPattern("Uid:\\s+10001\\s+10001").containsPattern("Gid:\\s+10001\\s+10001");
        java.util.regex.Matcher rss = java.util.regex.Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        long rssKib = rss.find() ? Long.parseLong(rss.group(1)) : -1;
        // podman itself bind-mounts /etc/hosts, /etc/hostname and /etc/resolv.conf, which marks /etc as changed
        assertThat(podman("diff", CONTAINER).lines().filter(l -> !l.isBlank() && !l.equals("C /etc")).toList())
            .as("files written outside /tmp").isEmpty();

        long grace = pod.getTerminationGracePeriodSeconds();
        long stopStart = System.nanoTime();
        podman("stop", "--time", String.valueOf(grace), CONTAINER);
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart);
        String logs = podman("logs", CONTAINER);
        assertThat(podman("inspect", "--format", "{{.State.ExitCode}}", CONTAINER).trim()).as(logs).isEqualTo("0");
        assertThat(stopMillis).as("stopped by SIGTERM, not killed after the %d s grace period", grace).isLessThan(grace * 1000);
        assertThat(logs).contains("stopping: waiting for reconciliations in flight").contains("released Lease").doesNotContain("PRIVATE KEY");

        String report = String.format("Image test: built %s in %d s; image size %.1f MB (%.1f MiB); class-data archive maps; ready %d ms after podman run;"
            + " lifecycle %s; RSS after it %.1f MiB; stopped by SIGTERM in %d ms with status 0 (grace period %d s)%n",
            IMAGE, buildSeconds, imageBytes / 1e6, imageBytes / 1048576.0, readyMillis, lifecycle, rssKib / 1024.0, stopMillis, grace);
        System.out.print(report);
        Files.writeString(Path.of("target", "image-test-report.txt"), report);
      } finally {
        podman("rm", "--force", "--ignore", CONTAINER);
      }
    }
  }

  /** Builds the Dockerfile from a copy of the files git tracks, so nothing but the checkout goes into the image. */
  private static void build() throws Exception {
    Path context = Files.createTempDirectory("image-context");
    for (String file : run(List.of("git", "ls-files")).lines().toList()) {
      Path target = context.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(Path.of(file), target);
    }
    List<String> command = new ArrayList<>(List.of("build", "--no-cache", "--pull=never", "--isolation=chroot", "--network=host",
        "-v", "/etc/ssl/certs:/etc/ssl/certs:ro", "-t", IMAGE));
    String m2 = System.getProperty("user.home") + "/.m2";
    if (Files.isDirectory(Path.of(m2))) {
      command.addAll(List.of("-v", m2 + ":/root/.m2")); // the local Maven repository as a cache: the same artifacts, fewer downloads
    }
    for (String arg : System.getProperty("slbcert.image.build-args", "").split(",")) {
      if (!arg.isBlank()) {
        command.addAll(List.of("--build-arg", arg.trim()));
      }
    }
    command.add(context.toString());
    podman(command.toArray(String[]::new));
  }

  /** {@code podman run} with what the rendered Deployment gives its container. */
  private static List<String> runCommand(PodSpec pod, InstalledChart chart, RealApiServer api, SlbEmulator emulator, int httpPort, int metricsPort)
      throws IOException {
    Container container = pod.getContainers().get(0);
    var security = container.getSecurityContext();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));

    List<String> command = new ArrayList<>(List.of("run", "-d", "--name", CONTAINER, "--network", "host",
        "--user", pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup(),
        "--passwd=false", // as a kubelet: no /etc/passwd entry made up for the user
        "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
        "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096",
        "-v", serviceAccountDirectory(api, chart) + ":" + TOKEN_DIR + ":ro",
        "-e", "KUBERNETES_SERVICE_HOST=127.0.0.1", "-e", "KUBERNETES_SERVICE_PORT=" + URI.create(api.url()).getPort()));
    for (Map.Entry<String, String> env : environment(container, chart, emulator, httpPort, metricsPort).entrySet()) {
      command.addAll(List.of("-e", env.getKey() + "=" + env.getValue()));
    }
    command.add(IMAGE);
    return command;
  }

  /** The container's environment as the chart renders it; fieldRefs and the credentials Secret resolved as the kubelet would. */
  private static Map<String, String> environment(Container container, InstalledChart chart, SlbEmulator emulator, int httpPort, int metricsPort) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else if (var.getValueFrom().getFieldRef() != null) {
        env.put(var.getName(), var.getValueFrom().getFieldRef().getFieldPath().equals("metadata.name") ? "slbcert-image-test-pod" : chart.namespace());
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        env.put(var.getName(), "emulator"); // the emulator's key pair, as the credentials Secret would hold it
      }
    }
    assertThat(env).containsKeys("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "SLBCERT_LEADER_ELECTION", "POD_NAMESPACE");
    env.put("SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString()); // helm --set slb.endpoint=...
    env.put("SLBCERT_HTTP_PORT", String.valueOf(httpPort)); // the host's network is shared: a free port instead of 8080
    env.put("SLBCERT_METRICS_PORT", String.valueOf(metricsPort)); // and instead of 8443
    return env;
  }

  /** The token of a ServiceAccount bound to the chart's metrics-reader role, as Prometheus' would be. */
  private static String metricsReaderToken(RealApiServer api, InstalledChart chart) {
    String reader = "image-test-prometheus";
    api.admin().serviceAccounts().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata()
        .withName(reader).withNamespace(NS).endMetadata().build()).createOr(existing -> existing.update());
    api.admin().rbac().clusterRoleBindings().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder().withNewMetadata()
        .withName(reader).endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", chart.fullName() + "-metrics-reader")
        .addNewSubject().withKind("ServiceAccount").withName(reader).withNamespace(NS).endSubject().build())
        .createOr(existing -> existing.update());
    return api.token(NS, reader);
  }

  /** What the kubelet mounts into a pod for its ServiceAccount: a token, the cluster's CA and the namespace. */
  private static Path serviceAccountDirectory(RealApiServer api, InstalledChart chart) throws IOException {
    Path dir = Files.createTempDirectory("serviceaccount");
    Files.writeString(dir.resolve("token"), api.token(chart.namespace(), chart.serviceAccount()));
    Files.writeString(dir.resolve("namespace"), chart.namespace());
    Files.writeString(dir.resolve("ca.crt"), api.caCertificatePem());
    for (Path p : List.of(dir, dir.resolve("token"), dir.resolve("namespace"), dir.resolve("ca.crt"))) {
      p.toFile().setReadable(true, false);
    }
    dir.toFile().setExecutable(true, false);
    return dir;
  }

  /** Create -> Ready, blocked deletion, release, rotation; returns a summary. */
  private static String runLifecycle(KubernetesClient kube, AliyunSlbClient slb, SlbEmulator emulator) throws Exception {
    var resources = kube.resources(ServerCertificate.class).inNamespace(NS);
    TestResources.certificateFromNewSecret(kube, NS, "web");
    await().atMost(Duration.ofSeconds(30)).until(() -> OperatorHarness.isReady(resources.withName("web").get()));
    String firstId = resources.withName("web").get().getStatus().getServerCertificateId();

    var renewed = TestCertificates.selfSigned("web.example.com", TestCertificates.ecKeyPair());
    kube.secrets().inNamespace(NS).withName("web").edit(s -> {
      s.setData(Map.of("tls.crt", OperatorHarness.base64(renewed.chainPem()), "tls.key", OperatorHarness.base64(renewed.pkcs8KeyPem())));
      return s;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> !firstId.equals(resources.withName("web").get().getStatus().getServerCertificateId())
        && emulator.snapshot().certificates().size() == 1);
    String rotatedId = resources.withName("web").get().getStatus().getServerCertificateId();

    String lb = slb.createLoadBalancer(REGION, "image-test-lb");
    slb.createHttpsListener(REGION, lb, 443, rotatedId);
    resources.withName("web").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      var blocked = OperatorHarness.condition(resources.withName("web").get(), Conditions.DELETION_BLOCKED);
      return blocked != null && blocked.getMessage().contains(lb + ":443");
    });
    // the Warning Event follows the condition's status write: wait for it rather than race it
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(OperatorHarness.events(kube, NS, "web")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo(Conditions.DELETION_BLOCKED_EVENT);
      assertThat(e.getMessage()).contains(lb + ":443");
    }));
    slb.deleteListener(REGION, lb, 443);
    await().atMost(Duration.ofSeconds(60)).until(() -> resources.withName("web").get() == null);
    assertThat(emulator.snapshot().certificates()).isEmpty();
    assertThat(emulator.callCount("UploadServerCertificate")).isEqualTo(2);
    return "passed (Ready, rotated " + firstId + " -> " + rotatedId + ", deletion blocked by " + lb + ":443, released, 2 uploads, 0 left)";
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** podman with the options this kind of machine needs (see README, "Container image"); fails on a non-zero exit. */
  private static String podman(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc", "--cgroup-manager", "cgroupfs"));
    command.addAll(List.of(arguments));
    return run(command);
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
