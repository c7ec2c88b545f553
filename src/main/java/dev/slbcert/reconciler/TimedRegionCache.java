package dev.slbcert.reconciler;

import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One value per region, fetched from SLB at most once per {@code maxAge} and at most once at a
 * time: concurrent callers of a stale region wait for one fetch and share its result.
 */
final class TimedRegionCache<T> {
  /** Fetches a region's value from SLB. */
  interface Fetch<T> {
    T fetch(String regionId) throws SlbException;
  }

  private record Entry<T>(T value, Instant fetched) {}

  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  TimedRegionCache(Clock clock, Duration maxAge) {
    this.clock = clock;
    this.maxAge = maxAge;
  }

  T get(String regionId, Fetch<T> fetch) throws SlbException {
    Entry<T> entry = entries.get(regionId);
    if (fresh(entry)) {
      return entry.value();
    }
    synchronized (locks.computeIfAbsent(regionId, r -> new Object())) {
      entry = entries.get(regionId);
      if (!fresh(entry)) {
        entry = new Entry<>(fetch.fetch(regionId), clock.instant());
        entries.put(regionId, entry);
      }
      return entry.value();
    }
  }

  /** Applies a change the operator made itself to a cached value (keeping its age). */
  void modify(String regionId, UnaryOperator<T> change) {
    entries.computeIfPresent(regionId, (r, e) -> new Entry<>(change.apply(e.value()), e.fetched()));
  }

  void invalidate(String regionId) {
    entries.remove(regionId);
  }

  private boolean fresh(Entry<T> entry) {
    return entry != null && Duration.between(entry.fetched(), clock.instant()).compareTo(maxAge) < 0;
  }
}
