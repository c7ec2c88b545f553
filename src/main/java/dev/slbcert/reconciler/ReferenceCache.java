package dev.slbcert.reconciler;

import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What uses each certificate of a region. SLB has no direct query, so finding out walks every
 * load balancer and HTTPS listener; this is done only when a deletion is refused, by one
 * reconciliation per region at a time, and one walk serves every refused certificate of the region
 * for {@code maxAge}. While one reconciliation walks, the others take the last walk's answer
 * instead of waiting for it: a walk of a large region takes seconds, and would otherwise hold
 * every reconciliation thread that meets a certificate in use.
 */
public final class ReferenceCache {
  private final SlbClient slb;
  private final TimedRegionCache<Map<String, List<CertificateReference>>> walks;

  public ReferenceCache(SlbClient slb, Clock clock, Duration maxAge) {
    this.slb = slb;
    this.walks = new TimedRegionCache<>(clock, maxAge);
  }

  /** The uses of a certificate SLB just refused to delete (empty if the walk itself fails). */
  private List<CertificateReference> usesOf(String regionId, String certificateId) {
    try {
      return walks.getOrStale(regionId, slb::listReferences).getOrDefault(certificateId, List.of());
    } catch (SlbException e) {
      return List.of();
    }
  }

  /**
   * The uses of a certificate SLB has just refused to delete because it is in use: when a reused
   * walk shows none, it is older than the refusal, so the region is walked again once.
   */
  public List<CertificateReference> usesOfRefused(String regionId, String certificateId) {
    List<CertificateReference> uses = usesOf(regionId, certificateId);
    if (!uses.isEmpty()) {
      return uses;
    }
    walks.expire(regionId);
    return usesOf(regionId, certificateId);
  }

  /**
   * Records listeners the operator itself just moved from one certificate to another in the last
   * walk, so that the walk stays true without walking the region again.
   */
  void moved(String regionId, String fromId, String toId, List<CertificateReference> moved) {
    if (moved.isEmpty()) {
      return;
    }
    Set<String> places = Set.copyOf(moved.stream().map(CertificateReference::describe).toList());
    walks.modify(regionId, walk -> {
      Map<String, List<CertificateReference>> next = new HashMap<>(walk);
      List<CertificateReference> from = new ArrayList<>(next.getOrDefault(fromId, List.of()));
      List<CertificateReference> taken = from.stream().filter(r -> places.contains(r.describe())).toList();
      from.removeAll(taken);
      if (from.isEmpty()) {
        next.remove(fromId);
      } else {
        next.put(fromId, List.copyOf(from));
      }
      List<CertificateReference> to = new ArrayList<>(next.getOrDefault(toId, List.of()));
      to.addAll(taken);
      next.put(toId, List.copyOf(to));
      return Map.copyOf(next);
    });
  }
}
