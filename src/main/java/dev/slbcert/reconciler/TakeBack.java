package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.Ownership;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import java.util.List;

/**
 * A resource re-created after a deletion with {@code deletionPolicy: Retain} (a restore, a GitOps
 * re-sync, the same manifest applied again) takes back the certificate its namespace released in
 * this cluster, when it holds the same content under the same name, rather than upload a second
 * copy ({@link Ownership#takesBack}). The resource keeps its Secret as its source: renewals go on.
 * This finds the candidates; {@link dev.slbcert.plan.SecretSourcePlan} decides, and its steps claim one.
 */
final class TakeBack {
  private final RegionCertificateCache cache;
  private final CertificateNaming naming;
  private final String clusterId;

  TakeBack(RegionCertificateCache cache, CertificateNaming naming, String clusterId) {
    this.cache = cache;
    this.naming = naming;
    this.clusterId = clusterId;
  }

  /** Certificates this resource may take back: released by its namespace in this cluster, under the name it gives ({@link Ownership#takesBack}). */
  List<SlbCertificate> candidates(ServerCertificate resource) throws SlbException {
    String name = naming.name(resource);
    String namespace = resource.getMetadata().getNamespace();
    return cache.list(resource.getSpec().getRegionId()).stream()
        .filter(c -> name.equals(c.name()) && Ownership.takesBack(c.tags(), namespace, clusterId)).toList();
  }
}
