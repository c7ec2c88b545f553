package dev.slbcert.reconciler;

import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One listing of a region's certificates shared by every resource of that region, refreshed at
 * most once per {@code maxAge}. The operator's own changes are applied to it as they happen, so
 * it stays true between refreshes; what changes outside is seen at the next refresh.
 */
public final class RegionCertificateCache {
  private record Listing(Map<String, SlbCertificate> byId, Instant fetched) {}

  private final SlbClient slb;
  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Listing> listings = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public RegionCertificateCache(SlbClient slb, Clock clock, Duration maxAge) {
    this.slb = slb;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  public List<SlbCertificate> list(String regionId) throws SlbException {
    return new ArrayList<>(listing(regionId).byId().values());
  }

  public Optional<SlbCertificate> find(String regionId, String id) throws SlbException {
    return id == null ? Optional.empty() : Optional.ofNullable(listing(regionId).byId().get(id));
  }

  public void put(SlbCertificate certificate) {
    update(certificate.regionId(), certificate.id(), c -> certificate);
  }

  public void update(String regionId, String id, UnaryOperator<SlbCertificate> change) {
    listings.computeIfPresent(regionId, (r, l) -> {
      Map<String, SlbCertificate> byId = new ConcurrentHashMap<>(l.byId());
      SlbCertificate next = change.apply(byId.get(id));
      if (next != null) {
        byId.put(id, next);
      }
      return new Listing(byId, l.fetched());
    });
  }

  public void remove(String regionId, String id) {
    listings.computeIfPresent(regionId, (r, l) -> {
      Map<String, SlbCertificate> byId = new ConcurrentHashMap<>(l.byId());
      byId.remove(id);
      return new Listing(byId, l.fetched());
    });
  }

  /** Forget a region's listing: after an answer that was lost, only a fresh look tells. */
  public void invalidate(String regionId) {
    listings.remove(regionId);
  }

  private Listing listing(String regionId) throws SlbException {
    Listing current = listings.get(regionId);
    if (fresh(current)) {
      return current;
    }
    synchronized (locks.computeIfAbsent(regionId, r -> new Object())) {
      current = listings.get(regionId);
      if (fresh(current)) {
        return current;
      }
      Map<String, SlbCertificate> byId = new ConcurrentHashMap<>();
      for (SlbCertificate c : slb.list(regionId)) {
        byId.put(c.id(), c);
      }
      Listing fetched = new Listing(byId, clock.instant());
      listings.put(regionId, fetched);
      return fetched;
    }
  }

  private boolean fresh(Listing listing) {
    return listing != null && Duration.between(listing.fetched(), clock.instant()).compareTo(maxAge) < 0;
  }
}
