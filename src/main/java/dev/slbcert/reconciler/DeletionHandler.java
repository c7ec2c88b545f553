package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.plan.DeletionPlan;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finalizer's work: observe the resource's certificates as SLB lists them, ask
 * {@link dev.slbcert.plan.DeletionPlan}, have the {@link StepRunner} delete or release them, and
 * {@link Report} what came of it: the resource goes, or stays (with a condition and an Event naming
 * the listeners) while SLB refuses.
 */
public final class DeletionHandler {
  private final StepRunner steps;
  private final ClaimedCertificates claims;
  private final CertificateNaming naming;
  private final Report report;

  public DeletionHandler(StepRunner steps, ClaimedCertificates claims, CertificateNaming naming, Report report) {
    this.steps = steps;
    this.claims = claims;
    this.naming = naming;
    this.report = report;
  }

  DeleteControl cleanup(ServerCertificate resource) {
    if (resource.getSpec() == null || resource.getSpec().getRegionId() == null) {
      return report.deleted(resource);
    }
    StepRunner.Deletion outcome;
    try {
      outcome = steps.deletion(resource, DeletionPlan.decide(observe(resource)));
    } catch (SlbException e) {
      return e.unknownRegion() ? report.regionUnknown(resource) : report.deletionWaits(resource, FailureClassifier.fromSlb(e));
    }
    if (outcome.failure() != null) {
      return report.deletionWaits(resource, outcome.failure());
    }
    if (outcome.releaseRefused() != null) {
      return report.retainRefused(resource, outcome.releaseRefused());
    }
    return outcome.blocked().isEmpty() ? report.deleted(resource) : report.deletionBlocked(resource, outcome.blocked());
  }

  /**
   * With deletionPolicy Retain, the certificate status names; with Delete, also the retired ones
   * and any tagged as this resource's (never lose one): each as SLB lists it now.
   */
  private DeletionPlan.Observation observe(ServerCertificate resource) throws SlbException {
    String region = resource.getSpec().getRegionId();
    String statusId = resource.getStatus() == null ? null : resource.getStatus().getServerCertificateId();
    if (resource.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
      return new DeletionPlan.Observation(naming.subject(resource), true, statusId, claims.find(region, statusId).orElse(null), List.of());
    }
    Set<String> ids = new LinkedHashSet<>();
    if (statusId != null) {
      ids.add(statusId);
    }
    if (resource.getStatus() != null && resource.getStatus().getRetiredCertificates() != null) {
      resource.getStatus().getRetiredCertificates().forEach(r -> ids.add(r.getServerCertificateId()));
    }
    Map<String, SlbCertificate> found = new LinkedHashMap<>();
    for (String id : ids) {
      claims.find(region, id).ifPresent(c -> found.put(c.id(), c));
    }
    claims.claimedBy(resource).forEach(c -> found.putIfAbsent(c.id(), c));
    return new DeletionPlan.Observation(naming.subject(resource), false, statusId, null, List.copyOf(found.values()));
  }
}
