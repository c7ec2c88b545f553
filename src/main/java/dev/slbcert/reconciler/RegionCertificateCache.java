package dev.slbcert.reconciler;

import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One listing of a region's certificates shared by every resource of that region, refreshed at
 * most once per {@code maxAge}. The operator's own changes are applied to it as they happen, so
 * it stays true between refreshes; what changes outside is seen at the next refresh.
 */
public final class RegionCertificateCache {
  private final SlbClient slb;
  private final TimedRegionCache<Map<String, SlbCertificate>> listings;

  public RegionCertificateCache(SlbClient slb, Clock clock, Duration maxAge) {
    this.slb = slb;
    this.listings = new TimedRegionCache<>(clock, maxAge);
  }

  public List<SlbCertificate> list(String regionId) throws SlbException {
    return new ArrayList<>(listing(regionId).values());
  }

  public Optional<SlbCertificate> find(String regionId, String id) throws SlbException {
    return id == null ? Optional.empty() : Optional.ofNullable(listing(regionId).get(id));
  }

  public void put(SlbCertificate certificate) {
    update(certificate.regionId(), certificate.id(), c -> certificate);
  }

  public void update(String regionId, String id, UnaryOperator<SlbCertificate> change) {
    listings.modify(regionId, byId -> {
      Map<String, SlbCertificate> copy = new LinkedHashMap<>(byId);
      SlbCertificate next = change.apply(copy.get(id));
      if (next != null) {
        copy.put(id, next);
      }
      return copy;
    });
  }

  public void remove(String regionId, String id) {
    listings.modify(regionId, byId -> {
      Map<String, SlbCertificate> copy = new LinkedHashMap<>(byId);
      copy.remove(id);
      return copy;
    });
  }

  /** Forget a region's listing: after an answer that was lost, only a fresh look tells. */
  public void invalidate(String regionId) {
    listings.invalidate(regionId);
  }

  private Map<String, SlbCertificate> listing(String regionId) throws SlbException {
    return listings.get(regionId, region -> {
      Map<String, SlbCertificate> byId = new LinkedHashMap<>();
      for (SlbCertificate c : slb.list(region)) {
        byId.put(c.id(), c);
      }
      return byId;
    });
  }
}
