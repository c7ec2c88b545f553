package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.Action;
import dev.slbcert.ownership.Claim;
import dev.slbcert.ownership.Ownership;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Observes SLB certificates as one resource's claims: finds them in the region's shared listing
 * (confirming a miss with a fresh look, so a certificate made a moment ago is not reported
 * missing) and asks {@link Ownership} what the resource may do to each.
 */
public final class ClaimedCertificates {
  /** The claims that make a certificate this resource's: it uploaded or adopted it. */
  private static final Set<Claim> CLAIMED = Set.of(Claim.OURS, Claim.ADOPTED);

  private final SlbClient slb;
  private final RegionCertificateCache cache;
  private final String clusterId;
  private final AdoptionPermissionLookup adoption;

  public ClaimedCertificates(SlbClient slb, RegionCertificateCache cache, String clusterId, AdoptionPermissionLookup adoption) {
    this.slb = slb;
    this.cache = cache;
    this.clusterId = clusterId;
    this.adoption = adoption;
  }

  /** The certificate in the cached listing; when the listing lacks it, SLB is asked once more before it counts as absent. */
  Optional<SlbCertificate> find(String regionId, String id) throws SlbException {
    if (id == null) {
      return Optional.empty();
    }
    Optional<SlbCertificate> cached = cache.find(regionId, id);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<SlbCertificate> fresh = slb.find(regionId, id);
    fresh.ifPresent(cache::put);
    return fresh;
  }

  Claim claim(ServerCertificate resource, SlbCertificate certificate) {
    return Ownership.classify(certificate.tags(), resource.getMetadata().getUid(), clusterId);
  }

  /** IMPORT, which needs the namespace's permission (read only then). */
  Verdict mayImport(ServerCertificate resource, String casId) {
    String namespace = resource.getMetadata().getNamespace();
    return Ownership.may(Claim.FOREIGN, Action.IMPORT, adoption.allowed(namespace), namespace, casId, adoption.howToOpen(namespace));
  }

  /** The namespace's permission to adopt or import. */
  AdoptionPermissionLookup adoption() {
    return adoption;
  }

  /** Certificates of the region this resource uploaded. */
  List<SlbCertificate> uploadedBy(ServerCertificate resource) throws SlbException {
    return cache.list(resource.getSpec().getRegionId()).stream().filter(c -> claim(resource, c) == Claim.OURS).toList();
  }

  /** Certificates of the region this resource uploaded or adopted. */
  List<SlbCertificate> claimedBy(ServerCertificate resource) throws SlbException {
    return cache.list(resource.getSpec().getRegionId()).stream()
        .filter(c -> CLAIMED.contains(claim(resource, c))).toList();
  }
}
