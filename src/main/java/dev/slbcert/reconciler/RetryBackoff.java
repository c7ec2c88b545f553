package dev.slbcert.reconciler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-resource exponential backoff: {@code first}, then doubling, capped at {@code max}; reset
 * when the resource reconciles cleanly.
 */
public final class RetryBackoff {
  private final Duration first;
  private final Duration max;
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  public RetryBackoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
  }

  public Duration next(String key) {
    int n = attempts.merge(key, 1, Integer::sum);
    long millis = first.toMillis() * (1L << Math.min(20, n - 1));
    return Duration.ofMillis(Math.min(max.toMillis(), millis));
  }

  public void reset(String key) {
    attempts.remove(key);
  }
}
