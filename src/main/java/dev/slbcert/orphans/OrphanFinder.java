package dev.slbcert.orphans;

import dev.slbcert.ownership.OrphanRule;
import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Certificates of this cluster whose owning ServerCertificate no longer exists, as
 * {@link OrphanRule} judges them: uploaded by a ServerCertificate of this cluster (owner and
 * cluster tags) that no longer exists, and older than the grace period. Adopted, released,
 * untagged and other clusters' certificates are never candidates.
 */
public final class OrphanFinder {
  /** An orphan and the listeners and domain extensions that still use it. */
  public record Orphan(SlbCertificate certificate, List<CertificateReference> usedBy, OrphanRule.Verdict verdict) {}

  private final SlbClient slb;
  private final String clusterId;
  private final Clock clock;
  private final Duration grace;

  public OrphanFinder(SlbClient slb, String clusterId, Clock clock, Duration grace) {
    this.slb = slb;
    this.clusterId = clusterId;
    this.clock = clock;
    this.grace = grace;
  }

  /** @param liveOwners UIDs of the ServerCertificates that exist */
  public List<Orphan> find(String regionId, Set<String> liveOwners) throws SlbException {
    List<SlbCertificate> candidates = slb.list(regionId).stream()
        .filter(c -> OrphanRule.judge(c.tags(), clusterId, liveOwners, c.createTime(), clock.instant(), grace, false) == OrphanRule.Verdict.DELETABLE)
        .toList();
    if (candidates.isEmpty()) {
      return List.of();
    }
    Map<String, List<CertificateReference>> references = slb.listReferences(regionId);
    List<Orphan> found = new ArrayList<>();
    for (SlbCertificate c : candidates) {
      List<CertificateReference> uses = references.getOrDefault(c.id(), List.of());
      found.add(new Orphan(c, uses, OrphanRule.judge(c.tags(), clusterId, liveOwners, c.createTime(), clock.instant(), grace, !uses.isEmpty())));
    }
    return found;
  }
}
