package dev.slbcert.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls per action and per outcome ({@code Success} or the error the client saw). */
final class CallLog {
  private final Map<String, Map<String, LongAdder>> byAction = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faultsByKind = new ConcurrentHashMap<>();

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
    byAction.clear();
    faultsByKind.clear();
  }
}
