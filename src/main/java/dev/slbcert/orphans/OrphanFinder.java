package dev.slbcert.orphans;

import dev.slbcert.reconciler.CertificateNaming;
import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Certificates of this cluster whose owning ServerCertificate no longer exists: tagged with this
 * cluster's id and an owner UID that no ServerCertificate has. Certificates of another cluster or
 * without both tags are never candidates.
 */
public final class OrphanFinder {
  /** An orphan and the listeners and domain extensions that still use it. */
  public record Orphan(SlbCertificate certificate, List<CertificateReference> usedBy) {}

  private final SlbClient slb;
  private final String clusterId;

  public OrphanFinder(SlbClient slb, String clusterId) {
    this.slb = slb;
    this.clusterId = clusterId;
  }

  /** @param liveOwners UIDs of the ServerCertificates that exist */
  public List<Orphan> find(String regionId, Set<String> liveOwners) throws SlbException {
    List<SlbCertificate> orphans = slb.list(regionId).stream()
        .filter(c -> clusterId.equals(c.tags().get(CertificateNaming.CLUSTER_TAG)))
        .filter(c -> c.tags().get(CertificateNaming.OWNER_TAG) != null && !liveOwners.contains(c.tags().get(CertificateNaming.OWNER_TAG)))
        .toList();
    if (orphans.isEmpty()) {
      return List.of();
    }
    Map<String, List<CertificateReference>> references = slb.listReferences(regionId);
    List<Orphan> found = new ArrayList<>();
    for (SlbCertificate c : orphans) {
      found.add(new Orphan(c, references.getOrDefault(c.id(), List.of())));
    }
    return found;
  }
}
