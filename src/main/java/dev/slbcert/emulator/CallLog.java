package dev.slbcert.emulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls per action and per outcome ({@code Success} or the error the client saw). */
final class CallLog {
  private final Map<String, Map<String, LongAdder>> byAction = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faultsByKind = new ConcurrentHashMap<>();
  /** Calls received, by access key id and action, counted as they arrive (before any latency or fault). */
  private final Map<String, LongAdder> receivedByCaller = new ConcurrentHashMap<>();

  /** The same calls by the second their signed {@code Timestamp} names (when it parses): when the caller signed them. */
  private final Map<String, ConcurrentNavigableMap<Long, LongAdder>> signedByCaller = new ConcurrentHashMap<>();

  void received(String accessKeyId, String action, String timestamp) {
    String caller = accessKeyId + " " + action;
    receivedByCaller.computeIfAbsent(caller, k -> new LongAdder()).increment();
    try {
      long second = Instant.parse(String.valueOf(timestamp)).getEpochSecond();
      signedByCaller.computeIfAbsent(caller, k -> new ConcurrentSkipListMap<>()).computeIfAbsent(second, k -> new LongAdder()).increment();
    } catch (DateTimeParseException e) {
      // counted as received only; the authenticator refuses it
    }
  }

  long receivedFrom(String accessKeyId, String action) {
    LongAdder n = receivedByCaller.get(accessKeyId + " " + action);
    return n == null ? 0 : n.sum();
  }

  long signedFrom(String accessKeyId, String action, Instant notBefore) {
    ConcurrentNavigableMap<Long, LongAdder> bySecond = signedByCaller.get(accessKeyId + " " + action);
    return bySecond == null ? 0 : bySecond.tailMap(notBefore.getEpochSecond(), true).values().stream().mapToLong(LongAdder::sum).sum();
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
    signedByCaller.clear();
    byAction.clear();
    faultsByKind.clear();
  }
}
