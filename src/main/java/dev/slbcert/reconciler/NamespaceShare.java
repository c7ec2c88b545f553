package dev.slbcert.reconciler;

import dev.slbcert.slb.CallShare;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * What one namespace may take of the operator's work: its resources reconciled at once are at
 * most an equal part of the reconciliation threads among the namespaces at work (all but a reserve
 * of {@value #RESERVE} for a namespace that comes next, and never fewer than {@value #MINIMUM});
 * the others wait their turn a second or two, holding no thread. Their SLB calls come from the
 * namespace's own share of the call budget ({@link CallShare}). So a namespace that floods the
 * operator with resources leaves threads and calls for everyone else, and one alone uses them all.
 */
final class NamespaceShare {
  /** JOSDK's reconciliation threads (the operator keeps its default). */
  static final int THREADS = ConfigurationService.DEFAULT_RECONCILIATION_THREADS_NUMBER;
  /** Threads kept free for a namespace not yet at work. */
  static final int RESERVE = 8;
  /** What a namespace may always have in flight, however many are at work. */
  static final int MINIMUM = 4;

  private final int threads;
  private final Map<String, Integer> inFlight = new HashMap<>();

  NamespaceShare(int threads) {
    this.threads = threads;
  }

  /** How many of a namespace's resources may be reconciled at once while {@code namespacesAtWork} namespaces (it among them) are. */
  static int limit(int threads, int namespacesAtWork) {
    return Math.max(MINIMUM, (threads - RESERVE) / Math.max(1, namespacesAtWork));
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
    if (n >= limit(threads, inFlight.size() + (n == 0 ? 1 : 0))) {
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
