package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.plan.AdoptionPlan;
import dev.slbcert.plan.SecretSourcePlan;
import dev.slbcert.plan.Step;
import dev.slbcert.plan.Subject;
import dev.slbcert.api.v1alpha1.UploadInFlight;
import dev.slbcert.ownership.Claim;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.reconciler.SecretCertificateReader.SecretPem;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which certificate a resource's source gives: observes what the source's plan decides from (the
 * certificate in use, the resource's earlier uploads, released ones it may take back, a lost upload,
 * the namespace's permission), asks {@link SecretSourcePlan} or {@link AdoptionPlan}, and has the
 * {@link StepRunner} upload, take over, take back or adopt. It looks before it uploads and never
 * uploads twice after a lost answer. Name and tags are the {@link Upkeep}'s.
 */
public final class CertificateSync {
  /** The certificate now in use, and the one it replaced (to retire), if any. */
  record Ensured(SlbCertificate certificate, SlbCertificate replaced) {}

  private final RegionCertificateCache cache;
  private final Clock clock;
  private final Duration uploadSettleTime;
  private final CertificateNaming naming;
  private final ClaimedCertificates claims;
  private final TakeBack takeBack;
  private final StepRunner steps;
  private final UploadsInFlight inFlight;

  /**
   * @param steps carries out what is decided here: uploads, take-overs and take-backs
   * @param inFlight the uploads whose answer was lost, which {@code steps} records
   */
  public CertificateSync(RegionCertificateCache cache, ClaimedCertificates claims, Clock clock, Duration uploadSettleTime, StepRunner steps,
      UploadsInFlight inFlight, CertificateNaming naming, String clusterId) {
    this.cache = cache;
    this.claims = claims;
    this.clock = clock;
    this.uploadSettleTime = uploadSettleTime;
    this.steps = steps;
    this.inFlight = inFlight;
    this.naming = naming;
    this.takeBack = new TakeBack(cache, naming, clusterId);
  }

  /**
   * The certificate in status, when the Secret still has the resourceVersion it was read from, no
   * upload is in flight, the certificate is valid now, and SLB lists it with the fingerprint in
   * status: the Secret holds what SLB holds, and need not be read. Empty when any of that is not
   * known to be so (the Secret is then read and checked in full).
   */
  Optional<SlbCertificate> unchangedSince(ServerCertificate resource, String secretResourceVersion) throws SlbException {
    var status = resource.getStatus();
    if (status == null || secretResourceVersion == null || !secretResourceVersion.equals(status.getSecretResourceVersion())
        || status.getFingerprint() == null || status.getNotBefore() == null || status.getNotAfter() == null
        || status.getUploadInFlight() != null || inFlight.has(resource.getMetadata().getUid())) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isBefore(Instant.parse(status.getNotBefore())) || !now.isBefore(Instant.parse(status.getNotAfter()))) {
      return Optional.empty();
    }
    return cache.find(resource.getSpec().getRegionId(), statusId(resource)).filter(c -> status.getFingerprint().equalsIgnoreCase(c.fingerprint()))
        .filter(c -> claims.claim(resource, c) == Claim.OURS);
  }

  /** Drops the region's cached listing: the next look at it asks SLB. */
  void forgetListing(String regionId) {
    cache.invalidate(regionId);
  }

  Ensured ensureFromSecret(ServerCertificate resource, SecretPem pem) throws SlbException, ReconcileFailure {
    String region = resource.getSpec().getRegionId();
    UploadInFlight lost = lookFreshWhileAnUploadIsInFlight(resource);
    String fingerprint = pem.details().fingerprint();
    // only a certificate this resource uploaded is its current one (and is retired when replaced)
    SlbCertificate current = cache.find(region, statusId(resource)).filter(c -> claims.claim(resource, c) == Claim.OURS).orElse(null);
    SecretSourcePlan.Step step = SecretSourcePlan.decide(new SecretSourcePlan.Observation(fingerprint, statusId(resource),
        resource.getStatus() == null ? null : resource.getStatus().getFingerprint(), current, claims.uploadedBy(resource),
        takeBack.candidates(resource), lost, clock.instant(), uploadSettleTime));
    if (step instanceof SecretSourcePlan.KeepCurrent keep) {
      return new Ensured(keep.certificate(), null);
    }
    String uid = resource.getMetadata().getUid();
    if (step instanceof SecretSourcePlan.TakeOverCopy copy) {
      inFlight.settled(uid);
      return new Ensured(steps.upkeep(resource, copy.certificate(), SecretSourcePlan.takeOverCopy(copy.certificate(), fingerprint)).current(),
          current);
    }
    if (step instanceof SecretSourcePlan.TakeBack released) {
      inFlight.settled(uid);
      return new Ensured(steps.upkeep(resource, released.certificate(),
          SecretSourcePlan.takeBack(naming.subject(resource), released.certificate())).current(), current);
    }
    if (step instanceof SecretSourcePlan.WaitForLostUpload) {
      throw lostUploadSettling(lost);
    }
    SlbCertificate uploaded = steps.upload(resource, new Step.Upload(CertificateUpload.pem(region, naming.name(resource),
        resource.getSpec().getResourceGroupId(), pem.certificatePem(), pem.privateKeyPem()).withTags(naming.tags(resource)),
        fingerprint, ((SecretSourcePlan.Upload) step).recreated() ? statusId(resource) : null, null));
    return new Ensured(uploaded, current);
  }

  /**
   * Takes the certificate named by spec.serverCertificateId, if {@link dev.slbcert.ownership.Ownership}
   * lets this resource: the first write marks it as adopted by this resource, so no other resource
   * can take it after.
   */
  SlbCertificate ensureAdopted(ServerCertificate resource) throws SlbException, ReconcileFailure {
    String region = resource.getSpec().getRegionId();
    String id = resource.getSpec().getServerCertificateId();
    String namespace = resource.getMetadata().getNamespace();
    Subject subject = naming.subject(resource);
    SlbCertificate found = claims.find(region, id).orElse(null);
    boolean permitted = found != null && AdoptionPlan.needsPermission(subject.claim(found)) && claims.adoption().allowed(namespace);
    AdoptionPlan.Decision decision = AdoptionPlan.adopt(subject, id, region, found, statusId(resource), permitted,
        claims.adoption().howToOpen(namespace));
    if (decision.refusal() != null) {
      throw ReconcileFailure.definite(decision.refusal().reason(), decision.refusal().message());
    }
    return steps.upkeep(resource, decision.certificate(), decision.steps()).current();
  }

  SlbCertificate ensureImported(ServerCertificate resource) throws SlbException, ReconcileFailure {
    String region = resource.getSpec().getRegionId();
    var source = resource.getSpec().getAliCloudCertificate();
    UploadInFlight lost = lookFreshWhileAnUploadIsInFlight(resource);
    SlbCertificate current = cache.find(region, statusId(resource)).filter(c -> claims.claim(resource, c) == Claim.OURS).orElse(null);
    if (current != null && source.getId().equals(current.aliCloudCertificateId())) {
      return current;
    }
    Optional<SlbCertificate> own = findOwn(resource, c -> source.getId().equals(c.aliCloudCertificateId()));
    if (own.isPresent()) {
      inFlight.settled(resource.getMetadata().getUid());
      return own.get();
    }
    // a certificate of Certificate Management Service is made outside the operator: importing it is adopting it
    Verdict verdict = claims.mayImport(resource, source.getId());
    if (!verdict.allowed()) {
      throw ReconcileFailure.definite(verdict.reason(), verdict.message());
    }
    if (SecretSourcePlan.settling(lost, clock.instant(), uploadSettleTime)) {
      throw lostUploadSettling(lost);
    }
    return steps.upload(resource, new Step.Upload(CertificateUpload.fromCertificateService(region, naming.name(resource),
        resource.getSpec().getResourceGroupId(), source.getId(), source.getName(), source.getRegionId() != null ? source.getRegionId() : region)
        .withTags(naming.tags(resource)), null, null, source.getId()));
  }

  /**
   * After a lost upload answer (recorded in status, so it survives restarts), only a fresh
   * listing can tell whether the upload took effect.
   */
  private UploadInFlight lookFreshWhileAnUploadIsInFlight(ServerCertificate resource) {
    UploadInFlight recorded = resource.getStatus() == null ? null : resource.getStatus().getUploadInFlight();
    UploadInFlight lost = inFlight.of(resource.getMetadata().getUid(), recorded);
    if (lost != null) {
      cache.invalidate(resource.getSpec().getRegionId());
    }
    return lost;
  }

  private static ReconcileFailure lostUploadSettling(UploadInFlight inFlight) {
    return ReconcileFailure.transientFault(Conditions.SLB_UNAVAILABLE,
        "an upload's answer was lost; waiting to see whether it took effect before uploading again").withUploadInFlight(inFlight);
  }

  /**
   * A certificate of the region with this content that belongs to this resource: tagged with its
   * UID. Every upload carries that tag, so a certificate is never visible without it and a lost
   * upload answer is recognised whatever has happened to names since.
   */
  private Optional<SlbCertificate> findOwn(ServerCertificate resource, Predicate<SlbCertificate> sameContent) throws SlbException {
    return claims.uploadedBy(resource).stream().filter(sameContent)
        .min(SecretSourcePlan.OLDEST);
  }

  private static String statusId(ServerCertificate resource) {
    return resource.getStatus() == null ? null : resource.getStatus().getServerCertificateId();
  }
}
