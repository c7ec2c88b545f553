package dev.slbcert.reconciler;

import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * One value per region, fetched from SLB at most once per {@code maxAge} and at most once at a
 * time: concurrent callers of a stale region wait for one fetch and share its result
 * ({@link #get}), or, where an older value will do, take that while one caller fetches
 * ({@link #getOrStale}).
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
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  TimedRegionCache(Clock clock, Duration maxAge) {
    this.clock = clock;
    this.maxAge = maxAge;
  }

  T get(String regionId, Fetch<T> fetch) throws SlbException {
    Entry<T> entry = entries.get(regionId);
    if (fresh(entry)) {
      return entry.value();
    }
    ReentrantLock lock = lock(regionId);
    lock.lock();
    try {
      return fetchUnlessFresh(regionId, fetch);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Like {@link #get}, but while another caller fetches the region, the value it had before is
   * returned at once, however old: only one thread per region waits for SLB, never the others.
   * Callers wait only when the region has no value at all.
   */
  T getOrStale(String regionId, Fetch<T> fetch) throws SlbException {
    Entry<T> entry = entries.get(regionId);
    if (fresh(entry)) {
      return entry.value();
    }
    ReentrantLock lock = lock(regionId);
    if (!lock.tryLock()) {
      Entry<T> older = entries.get(regionId);
      if (older != null) {
        return older.value();
      }
      lock.lock();
    }
    try {
      return fetchUnlessFresh(regionId, fetch);
    } finally {
      lock.unlock();
    }
  }

  private T fetchUnlessFresh(String regionId, Fetch<T> fetch) throws SlbException {
    Entry<T> entry = entries.get(regionId);
    if (!fresh(entry)) {
      entry = new Entry<>(fetch.fetch(regionId), clock.instant());
      entries.put(regionId, entry);
    }
    return entry.value();
  }

  private ReentrantLock lock(String regionId) {
    return locks.computeIfAbsent(regionId, r -> new ReentrantLock());
  }

  /** Applies a change the operator made itself to a cached value (keeping its age). */
  void modify(String regionId, UnaryOperator<T> change) {
    entries.computeIfPresent(regionId, (r, e) -> new Entry<>(change.apply(e.value()), e.fetched()));
  }

  void invalidate(String regionId) {
    entries.remove(regionId);
  }

  /** Makes the region's value stale, so that the next caller fetches, but keeps it for {@link #getOrStale}'s other callers meanwhile. */
  void expire(String regionId) {
    entries.computeIfPresent(regionId, (r, e) -> new Entry<>(e.value(), Instant.EPOCH));
  }

  private boolean fresh(Entry<T> entry) {
    return entry != null && Duration.between(entry.fetched(), clock.instant()).compareTo(maxAge) < 0;
  }
}
