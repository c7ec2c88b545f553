package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimedRegionCacheTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final AtomicInteger fetches = new AtomicInteger();
  private final TimedRegionCache<String> cache = new TimedRegionCache<>(clock, Duration.ofMinutes(10));

  @Test
  void fetchesOncePerRegionPerPeriod() throws Exception {
    assertThat(cache.get("a", this::fetch)).isEqualTo("a1");
    assertThat(cache.get("a", this::fetch)).isEqualTo("a1");
    assertThat(cache.get("b", this::fetch)).isEqualTo("b2");
    now = now.plus(Duration.ofMinutes(10));
    assertThat(cache.get("a", this::fetch)).isEqualTo("a3");
    assertThat(fetches).hasValue(3);
  }

  @Test
  void modifyKeepsTheAgeAndInvalidateForcesAFetch() throws Exception {
    cache.get("a", this::fetch);
    cache.modify("a", v -> v + "+mine");
    cache.modify("never-fetched", v -> "ignored");
    assertThat(cache.get("a", this::fetch)).isEqualTo("a1+mine");

    cache.invalidate("a");

    assertThat(cache.get("a", this::fetch)).isEqualTo("a2");
  }

  @Test
  void concurrentCallersOfAStaleRegionShareOneFetch() throws Exception {
    CountDownLatch inFetch = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> {
        try {
          seen.add(cache.get("a", region -> {
            inFetch.countDown();
            awaitQuietly(release);
            return fetch(region);
          }));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      threads.add(t);
      t.start();
    }
    inFetch.await();
    release.countDown();
    for (Thread t : threads) {
      t.join(5_000);
    }

    assertThat(fetches).hasValue(1);
    assertThat(seen).hasSize(8).containsOnly("a1");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String fetch(String region) {
    return region + fetches.incrementAndGet();
  }
}
