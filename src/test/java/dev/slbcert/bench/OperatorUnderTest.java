package dev.slbcert.bench;

import dev.slbcert.metrics.OperatorMetrics;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operator being measured: in this JVM, or the built jar in its own JVM (for memory figures). */
interface OperatorUnderTest extends AutoCloseable {
  void start() throws Exception;

  boolean isReady();

  /** Reconciliations done since start. */
  double reconciliations();

  /** Heap used after a full GC, in bytes, when it can be measured apart from the benchmark. */
  OptionalLong heapAfterGc() throws Exception;

  /** Resident set size of the operator's process, when it runs apart. */
  OptionalLong rss() throws Exception;

  /**
   * Saves what the memory figures are made of, when the operator runs apart: its heap's class histogram
   * and, when started with {@code -XX:NativeMemoryTracking=summary}, the JVM's native memory by area.
   */
  default void saveProfile(Path directory, String label) throws Exception {}

  @Override
  void close();

  /** Reads one metric sum from a Prometheus scrape. */
  static double sum(String scrape, String metric, String labelFilter) {
    double total = 0;
    Matcher m = Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
    while (m.find()) {
      if (labelFilter == null || (m.group(1) != null && m.group(1).contains(labelFilter))) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  final class InProcess implements OperatorUnderTest {
    private final java.util.function.Supplier<KubernetesClient> clients;
    private final URI slbEndpoint;
    private final double qps;
    private final ReconcilerSettings settings;
    private OperatorRuntime runtime;
    private AliyunSlbClient slb;
    private KubernetesClient client;
    private OperatorMetrics metrics;

    InProcess(java.util.function.Supplier<KubernetesClient> clients, URI slbEndpoint, double qps, ReconcilerSettings settings) {
      this.clients = clients;
      this.slbEndpoint = slbEndpoint;
      this.qps = qps;
      this.settings = settings;
    }

    @Override
    public void start() {
      metrics = new OperatorMetrics(Clock.systemUTC());
      slb = new AliyunSlbClient(SlbClientSettings.of(slbEndpoint, new SlbCredentials.StaticKeys("emulator", "emulator", null)).withQps(qps))
          .addListener(metrics);
      client = clients.get();
      runtime = new OperatorRuntime(client, slb, settings, Set.of(), Clock.systemUTC(), metrics, null).start();
    }

    @Override
    public boolean isReady() {
      return runtime != null && runtime.isReady();
    }

    @Override
    public double reconciliations() {
      return sum(metrics.scrape(), "slbcert_reconciliations_total", null);
    }

    @Override
    public OptionalLong heapAfterGc() {
      return OptionalLong.empty();
    }

    @Override
    public OptionalLong rss() {
      return OptionalLong.empty();
    }

    @Override
    public void close() {
      if (runtime != null) {
        runtime.close();
        client.close();
        slb.close();
        runtime = null;
      }
    }
  }

  /** The JVM options of the image's entrypoint. */
  Path IMAGE_JVM_OPTIONS = Path.of("deploy", "jvm.options");

  /** The environment the Dockerfile sets (its ENV lines), less where the image's Java runtime is: the benchmark runs its own. */
  static Map<String, String> imageEnvironment() throws IOException {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      Matcher m = Pattern.compile("^ENV (\\w+)=(\\S+)$").matcher(line);
      if (m.matches() && !m.group(1).equals("JAVA_HOME") && !m.group(1).equals("PATH")) {
        env.put(m.group(1), m.group(2));
      }
    }
    return env;
  }

  final class Separate implements OperatorUnderTest {
    private final Path jar;
    private final Map<String, String> env;
    private final String heap;
    private final java.util.List<String> jvmArgs;
    private final int port;
    private final int metricsPort;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    Separate(Path jar, Path kubeconfig, URI slbEndpoint, double qps, ReconcilerSettings settings, String heap,
        java.util.List<String> jvmArgs) throws IOException {
      this.jar = jar;
      this.heap = heap;
      this.jvmArgs = jvmArgs;
      try (var socket = new java.net.ServerSocket(0); var metricsSocket = new java.net.ServerSocket(0)) {
        this.port = socket.getLocalPort();
        this.metricsPort = metricsSocket.getLocalPort();
      }
      this.log = Files.createTempFile("bench-operator", ".log");
      this.env = new java.util.HashMap<>(Map.of("KUBECONFIG", kubeconfig.toString(), "SLBCERT_SLB_ENDPOINT", slbEndpoint.toString(),
          "ALIBABA_CLOUD_ACCESS_KEY_ID", "emulator", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "emulator",
          "SLBCERT_SLB_QPS", String.valueOf(qps), "SLBCERT_RESYNC_INTERVAL", settings.resyncInterval().toMillis() + "ms",
          "SLBCERT_DELETE_RETRY_MAX", settings.retryMax().toMillis() + "ms", "SLBCERT_HTTP_PORT", String.valueOf(port),
          "ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"));
      // the embedded API answers no TokenReview: the metrics port is read as a cluster that protects it otherwise would
      env.putAll(Map.of("SLBCERT_METRICS_PORT", String.valueOf(metricsPort), "SLBCERT_METRICS_SECURE", "false"));
    }

    /** Started as the image starts it: its JVM options file and environment, then the benchmark's heap and options. */
    @Override
    public void start() throws IOException {
      java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "@" + IMAGE_JVM_OPTIONS.toAbsolutePath(), "-Xmx" + heap));
      command.addAll(jvmArgs);
      command.addAll(java.util.List.of("-jar", jar.toString(), "run"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(imageEnvironment());
      builder.environment().putAll(env);
      process = builder.start();
    }

    private String get(String path) {
      int target = path.equals("/metrics") ? metricsPort : port;
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    @Override
    public boolean isReady() {
      return get("/readyz") != null;
    }

    @Override
    public double reconciliations() {
      String scrape = get("/metrics");
      return scrape == null ? 0 : sum(scrape, "slbcert_reconciliations_total", null);
    }

    @Override
    public OptionalLong heapAfterGc() throws Exception {
      jcmd("GC.run");
      String scrape = get("/metrics");
      return scrape == null ? OptionalLong.empty() : OptionalLong.of((long) sum(scrape, "jvm_memory_used_bytes", "area=\"heap\""));
    }

    @Override
    public void saveProfile(Path directory, String label) throws Exception {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(label + "-histogram.txt"), jcmd("GC.class_histogram"));
      Files.writeString(directory.resolve(label + "-native-memory.txt"), jcmd("VM.native_memory", "summary"));
      Files.writeString(directory.resolve(label + "-threads.txt"), jcmd("Thread.print"));
      Files.write(directory.resolve(label + "-smaps.txt"), Files.readAllBytes(Path.of("/proc/" + process.pid() + "/smaps")));
    }

    private String jcmd(String... command) throws Exception {
      java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(process.pid())));
      line.addAll(java.util.List.of(command));
      Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
      String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      jcmd.waitFor();
      return out;
    }

    @Override
    public OptionalLong rss() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
        }
      }
      return OptionalLong.empty();
    }

    @Override
    public void close() {
      if (process != null) {
        process.toHandle().destroy();
        try {
          process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        process = null;
      }
    }
  }
}
