package dev.slbcert.reconciler;

import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What uses each certificate of a region. SLB has no direct query, so finding out walks every
 * load balancer and HTTPS listener; this is done only when a deletion is refused, at most once
 * per region at a time, and one walk serves every refused certificate of the region for
 * {@code maxAge}.
 */
public final class ReferenceCache {
  private record Walk(Map<String, List<CertificateReference>> byCertificate, Instant at) {}

  private final SlbClient slb;
  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Walk> walks = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public ReferenceCache(SlbClient slb, Clock clock, Duration maxAge) {
    this.slb = slb;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** The uses of a certificate SLB just refused to delete (empty if the walk itself fails). */
  public List<CertificateReference> usesOf(String regionId, String certificateId) {
    Walk walk = walks.get(regionId);
    if (!fresh(walk)) {
      synchronized (locks.computeIfAbsent(regionId, r -> new Object())) {
        walk = walks.get(regionId);
        if (!fresh(walk)) {
          try {
            walk = new Walk(slb.listReferences(regionId), clock.instant());
            walks.put(regionId, walk);
          } catch (SlbException e) {
            return List.of();
          }
        }
      }
    }
    return walk.byCertificate().getOrDefault(certificateId, List.of());
  }

  private boolean fresh(Walk walk) {
    return walk != null && Duration.between(walk.at(), clock.instant()).compareTo(maxAge) < 0;
  }
}
