package dev.slbcert.orphans;

import dev.slbcert.ownership.OrphanRule;
import dev.slbcert.ownership.Release;
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
 * untagged and other clusters' certificates are never candidates; released ones are listed apart
 * ({@link #released}).
 */
public final class OrphanFinder {
  /** An orphan and the listeners and domain extensions that still use it. */
  public record Orphan(SlbCertificate certificate, List<CertificateReference> usedBy, OrphanRule.Finding verdict) {}

  /** A certificate of this cluster released by deletionPolicy Retain: which namespace let it go and when, and what uses it. */
  public record Released(SlbCertificate certificate, Release release, List<CertificateReference> usedBy) {}

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
        .filter(c -> OrphanRule.judge(c.tags(), clusterId, liveOwners, c.createTime(), clock.instant(), grace, false) == OrphanRule.Finding.DELETABLE)
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

  /** Certificates of this cluster released in {@code regionId}, by {@code namespace} (null: by any), oldest release first. */
  public List<Released> released(String regionId, String namespace) throws SlbException {
    List<Released> released = new ArrayList<>();
    Map<String, List<CertificateReference>> references = null;
    for (SlbCertificate c : slb.list(regionId)) {
      var release = Release.of(c.tags(), clusterId).filter(r -> namespace == null || r.namespace().equals(namespace));
      if (release.isPresent()) {
        references = references == null ? slb.listReferences(regionId) : references;
        released.add(new Released(c, release.get(), references.getOrDefault(c.id(), List.of())));
      }
    }
    released.sort(java.util.Comparator.comparing((Released r) -> r.release().at()));
    return released;
  }
}
