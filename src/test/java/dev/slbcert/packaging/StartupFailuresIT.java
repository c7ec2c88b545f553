package dev.slbcert.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What stops `run` at start is said in one line that names the cause and the fix, with exit status 2; no stack trace. */
class StartupFailuresIT {

  @Test
  void anUnreachableApiServerIsNamedWithOrWithoutAClusterId() throws Exception {
    Path kubeconfig = kubeconfig("https://127.0.0.1:" + closedPort());

    Result withoutId = run(Map.of("KUBECONFIG", kubeconfig.toString()));
    Result withId = run(Map.of("KUBECONFIG", kubeconfig.toString(), "SLBCERT_CLUSTER_ID", "c-1"));

    for (Result r : new Result[] {withoutId, withId}) {
      assertThat(r.code()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).contains("cannot reach the API server at https://127.0.0.1:").doesNotContain("grant get").doesNotContain("\tat ");
      assertThat(r.output().lines().filter(l -> !l.matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO .*"))).as("all but the start-up's INFO lines")
          .singleElement().asString().startsWith("slb-certificate-operator: cannot reach the API server");
    }
  }

  @Test
  void aMissingCrdSaysHowToInstallIt() throws Exception {
    KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig().withStartupTimeout(120_000).build());
    server.start();
    try {
      Path kubeconfig = Files.writeString(Files.createTempFile("kubeconfig", ".yaml"), server.getKubeConfigYaml());

      Result r = run(Map.of("KUBECONFIG", kubeconfig.toString(), "SLBCERT_CLUSTER_ID", "c-1"));

      assertThat(r.code()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).contains("the ServerCertificate CRD is not installed").contains("kubectl apply -f crds/").doesNotContain("\tat ");
    } finally {
      server.stop();
    }
  }

  @Test
  void aBusyPortNamesThePortAndItsSetting() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      Result r = run(Map.of("KUBECONFIG", kubeconfig("https://127.0.0.1:" + closedPort()).toString(), "SLBCERT_CLUSTER_ID", "c-1",
          "SLBCERT_HTTP_PORT", String.valueOf(busy.getLocalPort())));

      assertThat(r.code()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).contains("port " + busy.getLocalPort() + " (SLBCERT_HTTP_PORT) is in use").doesNotContain("\tat ");
    }
  }

  @Test
  void aBusyMetricsPortNamesItsSetting() throws Exception {
    try (ServerSocket busy = new ServerSocket(0)) {
      Result r = run(Map.of("KUBECONFIG", kubeconfig("https://127.0.0.1:" + closedPort()).toString(), "SLBCERT_CLUSTER_ID", "c-1",
          "SLBCERT_METRICS_PORT", String.valueOf(busy.getLocalPort())));

      assertThat(r.code()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).contains("port " + busy.getLocalPort() + " (SLBCERT_METRICS_PORT) is in use").doesNotContain("\tat ");
    }
  }

  @Test
  void anSlbEndpointWithoutSchemeShowsHowToWriteIt() throws Exception {
    Result r = run(Map.of("SLBCERT_SLB_ENDPOINT", "127.0.0.1:8089"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.output().trim()).isEqualTo("slb-certificate-operator: SLBCERT_SLB_ENDPOINT=127.0.0.1:8089 has no scheme; write it like http://127.0.0.1:8089");
  }

  private record Result(int code, String output) {}

  private static Result run(Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        OperatorProcess.JAR.toString(), "run").redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("ALIBABA_CLOUD_") || k.startsWith("SLBCERT_") || k.equals("KUBECONFIG"));
    Map<String, String> all = new HashMap<>(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret",
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true", "SLBCERT_HTTP_PORT", "0", "SLBCERT_METRICS_PORT", "0"));
    all.putAll(env);
    builder.environment().putAll(all);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path kubeconfig(String server) throws Exception {
    return Files.writeString(Files.createTempFile("kubeconfig", ".yaml"), "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \""
        + server + "\", insecure-skip-tls-verify: true}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\n"
        + "users:\n- name: u\n  user: {token: t}\n");
  }
}
