package dev.slbcert.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.support.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The built jar, started as users start it. */
class RunnableJarIT {
  private static final Path JAR = Path.of(System.getProperty("slbcert.jar", "target/slb-certificate-operator.jar"));

  @Test
  void emulatorCommandServesTheSdkFromTheJar() throws Exception {
    Process process = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "emulator", "--port", "0",
        "--access-key-id", "jar-key", "--access-key-secret", "jar-secret")
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher m = Pattern.compile("SLB emulator listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(line));
      assertThat(m.matches()).as("first line: %s", line).isTrue();

      try (AliyunSlbClient client = new AliyunSlbClient(SlbClientSettings.of(URI.create(m.group(1)),
          new SlbCredentials.StaticKeys("jar-key", "jar-secret", null)))) {
        var issued = TestCertificates.selfSigned("jar.example.com", TestCertificates.rsaKeyPair());
        String id = client.upload(CertificateUpload.pem("cn-shanghai", "jar", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
        assertThat(client.list("cn-shanghai")).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(id));
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void runWithoutCredentialsFailsWithAMessageThatSaysWhatToSet() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "run").redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("ALIBABA_CLOUD_") || k.startsWith("SLBCERT_"));
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(text).contains("ALIBABA_CLOUD_ACCESS_KEY_ID").doesNotContain("Exception");
  }

  @Test
  void runWithAMalformedSettingNamesIt() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString()).redirectErrorStream(true);
    builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_ID", "id");
    builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret");
    builder.environment().put("SLBCERT_RESYNC_INTERVAL", "often");
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(text).contains("SLBCERT_RESYNC_INTERVAL=often");
  }

  @Test
  void demoWalksThroughTheLifecycleAndExitsZero() throws Exception {
    Process process = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "demo").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(text).isZero();
    assertThat(text)
        .contains("=== Step 5")
        .contains("used by Service shop/web (lb-")
        .contains("CCM moved the listener")
        .containsPattern("shop-tls\\s+True\\s+\\d{16}_")
        .containsPattern("DeletionBlocked\\s+True\\s+CertificateInUse")
        .containsPattern("Warning\\s+DeletionBlocked")
        .contains("No resources found in shop namespace.")
        .contains("Demo finished: every step behaved as shown")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void runReconcilesAClusterFromKubeconfigLogsJsonAndStopsOnSigterm() throws Exception {
    try (var kubernetes = dev.slbcert.demo.EmbeddedKubernetes.start();
        var emulator = dev.slbcert.emulator.SlbEmulator.start(dev.slbcert.emulator.EmulatorSettings.defaults())) {
      Path kubeconfig = kubernetes.writeKubeconfig();
      int port;
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "run").redirectErrorStream(true);
      builder.environment().putAll(java.util.Map.of("KUBECONFIG", kubeconfig.toString(), "SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString(),
          "ALIBABA_CLOUD_ACCESS_KEY_ID", "emulator", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "emulator", "SLBCERT_HTTP_PORT", String.valueOf(port),
          "SLBCERT_METRICS_PORT", "0", "SLBCERT_LOG_FORMAT", "json", "ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"));
      Process process = builder.start();
      StringBuffer output = new StringBuffer();
      Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
          .lines().forEach(l -> output.append(l).append('\n')));
      reader.start();
      try {
        var http = java.net.http.HttpClient.newHttpClient();
        var readyz = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> http.send(readyz, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        var client = kubernetes.client();
        dev.slbcert.support.TestResources.namespace(client, "shop");
        dev.slbcert.support.TestResources.certificateFromNewSecret(client, "shop", "shop-tls");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> dev.slbcert.support.OperatorHarness.isReady(
            client.resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace("shop").withName("shop-tls").get()));
      } finally {
        process.toHandle().destroy(); // SIGTERM, leaving our end of the pipe open to read the last lines
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(5_000);
      }
      String log = output.toString();
      List<String> uploaded = log.lines().filter(l -> l.contains("uploaded SLB certificate")).toList();
      assertThat(uploaded).singleElement().satisfies(line -> {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("mdc").path("resource.namespace").asText()).isEqualTo("shop");
        assertThat(json.path("mdc").path("resource.name").asText()).isEqualTo("shop-tls");
      });
      assertThat(log).as("exit %s", process.exitValue()).contains("stopping: waiting for reconciliations in flight").doesNotContain("PRIVATE KEY");
      assertThat(log.replace("\\/", "/")).as("the start-up says which SLB endpoint and which kind of credentials (JSON escapes slashes)")
          .contains("SLB endpoint " + emulator.endpoint()).contains("credentials: AccessKey emulator");
      assertThat(process.exitValue()).as("status after a graceful stop").isZero();
      assertThat(emulator.snapshot().certificates()).hasSize(1);
    }
  }

  @Test
  void versionIsTheProjectsOnTheCommandAndEachSubcommand() throws Exception {
    String expected = "slb-certificate-operator " + System.getProperty("slbcert.version", "0.1.0-SNAPSHOT");
    for (String[] args : new String[][] {{"--version"}, {"run", "--version"}, {"orphans", "--version"}, {"emulator", "--version"}}) {
      java.util.List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(text.trim()).as(String.join(" ", args)).isEqualTo(expected);
    }
  }

  @Test
  void orphansHelpShowsItsWholeDescription() throws Exception {
    Process process = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "orphans", "--help").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(text.replaceAll("\\s+", " ")).contains("nor orphans younger than --min-age").contains("--cluster-id").contains("--delete")
        .contains("only --delete-released deletes them").contains("--released-by=NAMESPACE");
  }

  @Test
  void helpListsTheSubcommands() throws Exception {
    Process process = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(text).contains("emulator").contains("run").contains("demo");
  }

  @Test
  void jarMergesServiceFilesOfItsDependencies() throws Exception {
    assertThat(Files.exists(JAR)).isTrue();
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      var entry = zip.getEntry("META-INF/services/io.fabric8.kubernetes.client.http.HttpClient$Factory");
      assertThat(entry).as("fabric8 HTTP client service file").isNotNull();
      String factories = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(factories).contains("io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory").doesNotContain("vertx");
      List<String> kubernetesResources = zip.stream().map(e -> e.getName())
          .filter(n -> n.equals("META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource")).toList();
      assertThat(kubernetesResources).hasSize(1);
      String resources = new String(zip.getInputStream(zip.getEntry(kubernetesResources.get(0))).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(resources.lines().count()).as("service entries merged from several fabric8 model jars").isGreaterThan(100);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
