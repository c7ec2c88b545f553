package dev.slbcert.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls per action and per outcome ({@code Success} or the error the client saw). */
final class CallLog {
  private final Map<String, Map<String, LongAdder>> byAction = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faultsByKind = new ConcurrentHashMap<>();
  /** Calls received, by access key id and action, counted as they arrive (before any latency or fault). */
  private final Map<String, LongAdder> receivedByCaller = new ConcurrentHashMap<>();

  void received(String accessKeyId, String action) {
    receivedByCaller.computeIfAbsent(accessKeyId + " " + action, k -> new LongAdder()).increment();
  }

  long receivedFrom(String accessKeyId, String action) {
    LongAdder n = receivedByCaller.get(accessKeyId + " " + action);
    return n == null ? 0 : n.sum();
  }

  void record(String action, String outcome) {
    byAction.computeIfAbsent(action, a -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> new LongAdder())
        .increment();
  }

  void recordFault(FaultRule.Kind kind) {
    faultsByKind.computeIfAbsent(kind.name(), k -> new LongAdder()).increment();
  }

  Map<String, Map<String, Long>> calls() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    byAction.forEach((action, outcomes) -> {
      Map<String, Long> counts = new TreeMap<>();
      outcomes.forEach((outcome, n) -> counts.put(outcome, n.sum()));
      copy.put(action, counts);
    });
    return copy;
  }

  Map<String, Long> faults() {
    Map<String, Long> copy = new TreeMap<>();
    faultsByKind.forEach((kind, n) -> copy.put(kind, n.sum()));
    return copy;
  }

  void clear() {
    receivedByCaller.clear();
    byAction.clear();
    faultsByKind.clear();
  }
}
