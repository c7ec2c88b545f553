package dev.slbcert.slb;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff: attempt {@code n} waits a random time between half and all of
 * {@code min(maxDelay, baseDelay * 2^(n-1))}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The wait before retry number {@code attempt} (1 = the first retry). */
  public Duration delay(int attempt, RandomGenerator random) {
    double ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() * Math.pow(2, attempt - 1));
    return Duration.ofMillis((long) (ceiling / 2 + random.nextDouble() * ceiling / 2));
  }
}
