package dev.slbcert.reconciler;

import dev.slbcert.slb.CallShare;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * What one namespace may take of the operator's work: at most {@code limit} of its resources are
 * reconciled at once (the others wait their turn a second or two, without holding a thread), and
 * their SLB calls come from the namespace's own share of the call budget ({@link CallShare}). So a
 * namespace that floods the operator with resources leaves threads and calls for everyone else.
 */
final class NamespaceShare {
  /** A quarter of JOSDK's 50 reconciliation threads. */
  static final int DEFAULT_LIMIT = 12;

  private final int limit;
  private final Map<String, Integer> inFlight = new HashMap<>();

  NamespaceShare(int limit) {
    this.limit = limit;
  }

  /** Runs {@code work} within the namespace's share, or returns {@code deferred} when the namespace has its limit in flight. */
  <T> T run(String namespace, Supplier<T> work, Supplier<T> deferred) {
    if (!enter(namespace)) {
      return deferred.get();
    }
    try {
      return CallShare.with(namespace, work::get);
    } finally {
      leave(namespace);
    }
  }

  /** How long a reconciliation waits for its namespace's turn: one to two seconds, spread so that the waiting ones do not come back at once. */
  static Duration deferral() {
    return Duration.ofMillis(1_000 + ThreadLocalRandom.current().nextLong(1_000));
  }

  synchronized int inFlight(String namespace) {
    return inFlight.getOrDefault(namespace, 0);
  }

  private synchronized boolean enter(String namespace) {
    int n = inFlight.getOrDefault(namespace, 0);
    if (n >= limit) {
      return false;
    }
    inFlight.put(namespace, n + 1);
    return true;
  }

  private synchronized void leave(String namespace) {
    int n = inFlight.getOrDefault(namespace, 1) - 1;
    if (n <= 0) {
      inFlight.remove(namespace);
    } else {
      inFlight.put(namespace, n);
    }
  }
}
