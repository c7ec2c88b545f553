package dev.slbcert.slb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void delaysDoubleWithinJitterBoundsUpToTheCap() {
    Random random = new Random(1);
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = Math.min(1000, 100L << (attempt - 1));
      for (int i = 0; i < 50; i++) {
        assertThat(policy.delay(attempt, random).toMillis()).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void jitterSpreadsRetriesOfManyCallers() {
    Random random = new Random(2);
    long distinct = java.util.stream.IntStream.range(0, 100).mapToLong(i -> policy.delay(3, random).toMillis()).distinct().count();

    assertThat(distinct).isGreaterThan(50);
  }
}
