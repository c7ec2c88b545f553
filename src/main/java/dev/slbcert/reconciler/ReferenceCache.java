package dev.slbcert.reconciler;

import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What uses each certificate of a region. SLB has no direct query, so finding out walks every
 * load balancer and HTTPS listener; this is done only when a deletion is refused, at most once
 * per region at a time, and one walk serves every refused certificate of the region for
 * {@code maxAge}.
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
      return walks.get(regionId, slb::listReferences).getOrDefault(certificateId, List.of());
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
    walks.invalidate(regionId);
    return usesOf(regionId, certificateId);
  }

  /** Forgets the region's walk (after listeners moved), so the next question walks again. */
  public void invalidate(String regionId) {
    walks.invalidate(regionId);
  }
}
