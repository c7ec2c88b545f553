package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.Ownership;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource re-created after a deletion with {@code deletionPolicy: Retain} (a restore, a GitOps
 * re-sync, the same manifest applied again) takes back the certificate its namespace released in
 * this cluster, when it holds the same content under the same name, rather than upload a second
 * copy ({@link Ownership#takesBack}). The resource keeps its Secret as its source: renewals go on.
 */
final class TakeBack {
  private static final Logger LOG = LoggerFactory.getLogger(TakeBack.class);

  private final Retagger retagger;
  private final RegionCertificateCache cache;
  private final EventRecorder events;
  private final CertificateNaming naming;
  private final String clusterId;

  TakeBack(Retagger retagger, RegionCertificateCache cache, EventRecorder events, CertificateNaming naming, String clusterId) {
    this.naming = naming;
    this.retagger = retagger;
    this.cache = cache;
    this.events = events;
    this.clusterId = clusterId;
  }

  /** Certificates this resource may take back: released by its namespace in this cluster, under the name it gives ({@link Ownership#takesBack}). */
  List<SlbCertificate> candidates(ServerCertificate resource) throws SlbException {
    String name = naming.name(resource);
    String namespace = resource.getMetadata().getNamespace();
    return cache.list(resource.getSpec().getRegionId()).stream()
        .filter(c -> name.equals(c.name()) && Ownership.takesBack(c.tags(), namespace, clusterId)).toList();
  }

  /**
   * Claims it: the owner tag first, then the released-by tag removed (a reconciliation cut short
   * between the two finds it this resource's, and the tag sync removes the released-by tag).
   */
  SlbCertificate claim(ServerCertificate resource, SlbCertificate released) throws SlbException {
    Map<String, String> claimTags = new LinkedHashMap<>(naming.tags(resource));
    claimTags.keySet().retainAll(List.of(OwnershipTags.OWNER, OwnershipTags.CLUSTER));
    SlbCertificate taken = retagger.apply(released, claimTags, List.of(OwnershipTags.RELEASED_BY));
    LOG.info("took back released SLB certificate {} in {}", released.id(), released.regionId());
    events.normal(resource, Conditions.TAKEN_BACK, "took back SLB certificate " + released.id() + ", which this namespace's ServerCertificate of"
        + " the same name released (deletionPolicy Retain, tag " + OwnershipTags.RELEASED_BY + "=" + released.tags().get(OwnershipTags.RELEASED_BY)
        + "), instead of uploading the same certificate again");
    return taken;
  }
}
