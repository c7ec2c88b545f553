package dev.slbcert.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** The benchmark's figures, printed as one table. */
final class BenchReport {
  Benchmark.Params params;
  String machine = "";
  Duration launchToReady = Duration.ZERO;
  Duration firstResourceReady = Duration.ZERO;
  Duration coldStart = Duration.ZERO;
  Duration coldStartSubmitted = Duration.ZERO;
  long coldStartCalls;
  long throttledDuringColdStart;
  long throttledTotal;
  final Map<String, Map<String, Double>> callsPerResource = new LinkedHashMap<>();
  Map<String, Long> steadyPerHour = new TreeMap<>();
  Duration steadyWindow = Duration.ZERO;
  List<Long> unusedDeletionMs = List.of();
  List<Long> releasedDeletionMs = List.of();
  Map<String, Long> restartCalls = new TreeMap<>();
  Duration restartToReconciled = Duration.ZERO;
  OptionalLong heapAfterGc = OptionalLong.empty();
  OptionalLong rss = OptionalLong.empty();
  OptionalLong rssAfterRestart = OptionalLong.empty();
  List<Long> renewalMs = List.of();
  /** From a Secret's update to the deletion of the certificate it replaced, the listener following through a bound Service. */
  List<Long> followedRenewalMs = List.of();
  /** Uploads and Ready resources as the cold start went (a sample a second). */
  final List<String> coldStartTimeline = new java.util.ArrayList<>();

  double lowerBoundSeconds() {
    return coldStartCalls / params.qps();
  }

  static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%nBenchmark: %d resources in %d region(s), SLB latency %d ms, SLB limit %.0f calls/s (operator set to %.1f), %s operator%s%n",
        params.resources(), params.regions(), params.latencyMs(), params.qps(), params.operatorQps(), params.separateProcess() ? "separate-process" : "in-process",
        params.scaleOnly() ? ", scale run (cold start, memory, restart)" : ""));
    out.append(machine).append('\n');
    row(out, "start-up: launch to ready", String.format("%.2f s", launchToReady.toMillis() / 1000.0));
    row(out, "start-up: first resource created to Ready", String.format("%.2f s", firstResourceReady.toMillis() / 1000.0));
    row(out, "cold start: ServerCertificates created at once to all Ready", String.format("%.1f s", coldStart.toMillis() / 1000.0));
    row(out, "cold start: of which submitting them", String.format("%.1f s (%d threads; the Secrets existed before)", coldStartSubmitted.toMillis() / 1000.0, params.submitThreads()));
    row(out, "cold start: rate-limit bound (calls / limit)", String.format("%.1f s (%d calls)", lowerBoundSeconds(), coldStartCalls));
    row(out, "cold start: ratio to bound", String.format("%.2f", coldStart.toMillis() / 1000.0 / Math.max(0.001, lowerBoundSeconds())));
    row(out, "throttling answers: cold start / whole run", throttledDuringColdStart + " / " + throttledTotal);
    callsPerResource.forEach((phase, perAction) -> row(out, "SLB calls per resource, " + phase, format(perAction)));
    row(out, "steady state, calls per hour (" + steadyWindow.toSeconds() + " s measured)", steadyPerHour.isEmpty() ? "none" : steadyPerHour.toString());
    row(out, "steady state, per-resource calls per hour (not listings)", String.format("%.3f", steadyPerHour.entrySet().stream()
        .filter(e -> !e.getKey().equals("DescribeServerCertificates")).mapToLong(Map.Entry::getValue).sum() / (double) params.resources()));
    row(out, "steady state, listings per region per resync period", String.format("%.2f", steadyPerHour.getOrDefault("DescribeServerCertificates", 0L)
        * params.resync().toSeconds() / 3600.0 / params.regions()));
    row(out, "renewal: Secret updated to new certificate Ready, p50 / p99", percentile(renewalMs, 50) + " ms / " + percentile(renewalMs, 99)
        + " ms (" + renewalMs.size() + ", one at a time)");
    row(out, "renewal through a Service: Secret updated to retired certificate deleted, p50 / p99", percentile(followedRenewalMs, 50) + " ms / "
        + percentile(followedRenewalMs, 99) + " ms (" + followedRenewalMs.size() + ", one at a time, CCM stand-in; at most 20)");
    row(out, "deletion, unused: p50 / p99", percentile(unusedDeletionMs, 50) + " ms / " + percentile(unusedDeletionMs, 99) + " ms (" + unusedDeletionMs.size() + ")");
    row(out, "deletion, blocked then released: p50 / p99", percentile(releasedDeletionMs, 50) + " ms / " + percentile(releasedDeletionMs, 99) + " ms (" + releasedDeletionMs.size() + ")");
    row(out, "restart: SLB calls until all reconciled", restartCalls.isEmpty() ? "none" : restartCalls.toString());
    row(out, "restart: time until all reconciled", String.format("%.1f s", restartToReconciled.toMillis() / 1000.0));
    row(out, "memory: heap used after GC", heapAfterGc.isPresent() ? mib(heapAfterGc.getAsLong()) : "n/a (in-process)");
    row(out, "memory: process RSS after cold start", rss.isPresent() ? mib(rss.getAsLong()) + " (-Xmx" + params.heap() + ")" : "n/a (in-process)");
    row(out, "memory: process RSS after restart and resync", rssAfterRestart.isPresent() ? mib(rssAfterRestart.getAsLong()) : "n/a (in-process)");
    row(out, "operator JVM options", params.separateProcess() ? imageOptions() + " -Xmx" + params.heap()
        + (params.jvmArgs().isEmpty() ? "" : " " + String.join(" ", params.jvmArgs())) : "n/a (in-process)");
    return out.toString();
  }

  /** The image's JVM options and environment, with which the separate operator starts. */
  private static String imageOptions() {
    try {
      return "deploy/jvm.options (" + String.join(" ", java.nio.file.Files.readAllLines(OperatorUnderTest.IMAGE_JVM_OPTIONS).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) + "), Dockerfile ENV " + OperatorUnderTest.imageEnvironment();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String format(Map<String, Double> perAction) {
    StringBuilder sb = new StringBuilder();
    perAction.forEach((a, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(a).append(' ').append(String.format("%.2f", n)));
    return sb.length() == 0 ? "none" : sb.toString();
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append(String.format("%-60s %s%n", label, value));
  }
}
