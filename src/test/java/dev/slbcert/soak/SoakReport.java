package dev.slbcert.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a soak run measured and what it found wrong. */
final class SoakReport {
  final Map<String, Duration> phases = new LinkedHashMap<>();
  final List<String> violations = new ArrayList<>();
  Map<String, Map<String, Long>> callsByAction = new TreeMap<>();
  Map<String, Long> faultsByKind = new TreeMap<>();
  int resources;
  int restarts;
  /** Restarts after a watch of the embedded API stopped for good (as Kubernetes restarts the pod). */
  int watchRestarts;
  int conflictsInjected;
  int duplicatesSeen;
  int orphansAtEnd;
  int disappearedWithCertificate;
  int retainedLeft;
  int listenersFollowed;
  /** From a follower's renewal to the deletion of the certificate it replaced, sorted: listener moved by CCM (stand-in) through its Service. */
  List<Duration> retiredDeletedThroughService = List.of();
  /** The same, listener moved by the operator (Rebind). */
  List<Duration> retiredDeletedByRebind = List.of();
  Duration total = Duration.ZERO;

  long calls() {
    return callsByAction.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
  }

  long failedCalls() {
    return callsByAction.values().stream().flatMap(m -> m.entrySet().stream()).filter(e -> !e.getKey().equals("Success"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  long faults() {
    return faultsByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  /** p50 and p99 of sorted durations (nearest rank), with their count. */
  static String percentiles(List<Duration> sorted) {
    if (sorted.isEmpty()) {
      return "none measured";
    }
    return String.format("p50 %.2f s, p99 %.2f s, max %.2f s (%d renewals)", at(sorted, 0.50), at(sorted, 0.99),
        sorted.get(sorted.size() - 1).toMillis() / 1000.0, sorted.size());
  }

  private static double at(List<Duration> sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.size());
    return sorted.get(Math.max(0, rank - 1)).toMillis() / 1000.0;
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%nSoak run: %d ServerCertificates, %d operator restarts (and %d after a watch stopped), %d API conflicts injected,"
        + " %d listeners followed a renewal (half through bound Services, half by Rebind), each ending on its current certificate%n",
        resources, restarts, watchRestarts, conflictsInjected, listenersFollowed));
    out.append(String.format("%-34s %10s%n", "phase", "seconds"));
    phases.forEach((phase, d) -> out.append(String.format("%-34s %10.1f%n", phase, d.toMillis() / 1000.0)));
    out.append(String.format("%-34s %10.1f%n", "total", total.toMillis() / 1000.0));
    out.append(String.format("%nrenewal to retired certificate deleted, listener moved through its Service: %s%n", percentiles(retiredDeletedThroughService)));
    out.append(String.format("renewal to retired certificate deleted, listener moved by Rebind:           %s%n", percentiles(retiredDeletedByRebind)));
    out.append(String.format("%nSLB calls: %d, failed answers (retried or reported): %d, faults injected: %d (%.1f%% of calls)%n",
        calls(), failedCalls(), faults(), calls() == 0 ? 0 : 100.0 * faults() / calls()));
    faultsByKind.forEach((kind, n) -> out.append(String.format("  fault %-22s %6d%n", kind, n)));
    out.append(String.format("%-44s %8s %8s%n", "action", "calls", "failed"));
    callsByAction.forEach((action, outcomes) -> {
      long all = outcomes.values().stream().mapToLong(Long::longValue).sum();
      out.append(String.format("%-44s %8d %8d%n", action, all, all - outcomes.getOrDefault("Success", 0L)));
    });
    out.append(String.format("%nduplicate certificates: %d, orphans at the end: %d, resources gone while their certificate existed: %d,"
        + " certificates kept by Retain: %d%n", duplicatesSeen, orphansAtEnd, disappearedWithCertificate, retainedLeft));
    out.append(violations.isEmpty() ? "no violations\n" : "VIOLATIONS:\n  " + String.join("\n  ", violations) + "\n");
    return out.toString();
  }
}
