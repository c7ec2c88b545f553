package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.ownership.Release;
import dev.slbcert.ownership.RetainLimit;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * deletionPolicy Retain: lets a resource's certificate go, attributably and within its namespace's
 * {@link RetainLimit}. The certificate is first tagged with the namespace that releases it (and
 * when), then loses the resource's claim (owner or adopted-by); the cluster tag stays. A release cut
 * short by a crash is finished by the next attempt: until the claim is gone the certificate is still
 * the resource's. One namespace's releases in a region are counted and made one at a time, so two
 * deletions at once cannot both take the last place.
 */
public final class RetainRelease {
  private static final Logger LOG = LoggerFactory.getLogger(RetainRelease.class);
  private final Retagger retagger;
  private final RegionCertificateCache cache;
  private final EventRecorder events;
  private final Clock clock;
  private final String clusterId;
  private final int limit;
  private final Map<String, Object> counting = new ConcurrentHashMap<>();

  public RetainRelease(Retagger retagger, RegionCertificateCache cache, EventRecorder events, Clock clock, ReconcilerSettings settings) {
    this.retagger = retagger;
    this.cache = cache;
    this.events = events;
    this.clock = clock;
    this.clusterId = settings.clusterId();
    this.limit = settings.retainLimit();
  }

  /** Releases {@code certificate}, the resource's own, unless its namespace is at its limit (the refusal then). */
  Verdict release(ServerCertificate resource, SlbCertificate certificate) throws SlbException {
    String namespace = resource.getMetadata().getNamespace();
    String region = certificate.regionId();
    synchronized (counting.computeIfAbsent(namespace + "/" + region, key -> new Object())) {
      long held = cache.list(region).stream()
          .filter(c -> !c.id().equals(certificate.id()))
          .flatMap(c -> Release.of(c.tags(), clusterId).stream())
          .filter(r -> r.namespace().equals(namespace))
          .count();
      Verdict verdict = RetainLimit.mayRelease(held, limit, namespace, region, certificate.id());
      if (verdict.allowed()) {
        letGo(resource, certificate, new Release(namespace, clock.instant()));
      }
      return verdict;
    }
  }

  private void letGo(ServerCertificate resource, SlbCertificate certificate, Release release) throws SlbException {
    boolean tagged = Release.of(withoutClaim(certificate.tags()), clusterId).map(r -> r.namespace().equals(release.namespace())).orElse(false);
    Map<String, String> tags = retagger.apply(certificate, tagged ? Map.of() : Map.of(OwnershipTags.RELEASED_BY, release.tagValue()),
        OwnershipTags.CLAIM_KEYS.stream().filter(certificate.tags()::containsKey).toList()).tags();
    LOG.info("released SLB certificate {} in {} ({}={})", certificate.id(), certificate.regionId(), OwnershipTags.RELEASED_BY,
        tags.get(OwnershipTags.RELEASED_BY));
    events.normal(resource, Conditions.RELEASED, "left SLB certificate " + certificate.id() + " in place (deletionPolicy Retain), tagged "
        + OwnershipTags.RELEASED_BY + "=" + tags.get(OwnershipTags.RELEASED_BY) + ": it is no resource's now, counts against this namespace's"
        + " limit of " + limit + " released certificates in " + certificate.regionId() + " until an administrator deletes it"
        + " (orphans --delete-released), and may be adopted again");
  }

  private static Map<String, String> withoutClaim(Map<String, String> tags) {
    Map<String, String> rest = new LinkedHashMap<>(tags);
    OwnershipTags.CLAIM_KEYS.forEach(rest::remove);
    return rest;
  }
}
