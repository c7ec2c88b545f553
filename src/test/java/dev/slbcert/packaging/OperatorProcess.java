package dev.slbcert.packaging;

import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.RealApiServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One operator process of the built jar with the environment the chart's Deployment gives its pods
 * (leader election on the chart's Lease, all namespaces, the chart's ServiceAccount token).
 */
record OperatorProcess(String name, Process process, StringBuffer output, int port) {
  static final Path JAR = Path.of(System.getProperty("slbcert.jar", "target/slb-certificate-operator.jar"));

  static OperatorProcess start(String name, InstalledChart chart, RealApiServer api, SlbEmulator emulator) throws Exception {
    return start(name, chart, api, emulator, EmulatorSettings.DEFAULT_ACCESS_KEY_ID, EmulatorSettings.DEFAULT_ACCESS_KEY_SECRET, null);
  }

  /**
   * With its own SLB access key, so that the emulator tells its calls from another replica's, and
   * watching one namespace (the real API server of a test JVM keeps other tests' resources).
   */
  static OperatorProcess start(String name, InstalledChart chart, RealApiServer api, SlbEmulator emulator, String accessKeyId, String accessKeySecret,
      String watchNamespace) throws Exception {
    return start(name, chart, api, emulator, accessKeyId, accessKeySecret, watchNamespace, Map.of(), java.util.List.of());
  }

  /** The same, with more settings (or others than the chart's) and options for its JVM (the chart's heap, say). */
  static OperatorProcess start(String name, InstalledChart chart, RealApiServer api, SlbEmulator emulator, String accessKeyId, String accessKeySecret,
      String watchNamespace, Map<String, String> settings, java.util.List<String> jvmOptions) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(Map.of(
        "KUBECONFIG", api.kubeconfigAs(chart.namespace(), chart.serviceAccount()).toString(),
        "POD_NAME", name, "POD_NAMESPACE", chart.namespace(),
        "SLBCERT_LEADER_ELECTION", "true", "SLBCERT_LEASE_NAME", InstalledChart.LEASE_NAME, "SLBCERT_LEASE_NAMESPACE", chart.namespace(),
        "SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString(), "SLBCERT_HTTP_PORT", String.valueOf(port),
        "ALIBABA_CLOUD_ACCESS_KEY_ID", accessKeyId, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", accessKeySecret));
    env.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
    env.put("SLBCERT_METRICS_PORT", "0");
    if (watchNamespace != null) {
      env.put("SLBCERT_WATCH_NAMESPACES", watchNamespace);
    }
    env.putAll(settings);
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(java.util.List.of("-jar", JAR.toString(), "run"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("SLBCERT_") || k.startsWith("ALIBABA_CLOUD_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    StringBuffer output = new StringBuffer();
    Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
        .lines().forEach(l -> output.append(l).append('\n')), "output-" + name);
    reader.setDaemon(true);
    reader.start();
    return new OperatorProcess(name, process, output, port);
  }

  /** Waits for the process to end; kills it if it does not (so that no test leaves one behind). */
  boolean endsWithin(Duration wait) throws InterruptedException {
    if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    process.destroyForcibly().waitFor();
    return false;
  }

  boolean ready() throws Exception {
    HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
    return HttpClient.newHttpClient().send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
  }

  /** Sends a signal (STOP freezes the process as a long pause or a stalled VM would; CONT thaws it). */
  void signal(String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
  }
}
