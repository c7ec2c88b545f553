package dev.slbcert.reconciler;

import dev.slbcert.ccm.LoadBalancerServices;
import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.plan.DeletionPlan;
import dev.slbcert.plan.Uses;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import dev.slbcert.status.StatusBuilder;
import dev.slbcert.status.StatusWriter;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The finalizer's work: delete every SLB certificate the resource owns, or keep the resource
 * (with a condition and an Event naming the listeners) while SLB refuses.
 */
public final class DeletionHandler {
  private final StepRunner steps;
  private final ClaimedCertificates claims;
  private final CertificateNaming naming;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final RetryBackoff backoff;
  private final Clock clock;
  private final ResourceMetrics observer;
  private final LoadBalancerServices behindLoadBalancers;

  public DeletionHandler(StepRunner steps, ClaimedCertificates claims, CertificateNaming naming, StatusWriter statusWriter, EventRecorder events,
      RetryBackoff backoff, Clock clock, ResourceMetrics observer, LoadBalancerServices behindLoadBalancers) {
    this.steps = steps;
    this.claims = claims;
    this.naming = naming;
    this.observer = observer;
    this.behindLoadBalancers = behindLoadBalancers;
    this.statusWriter = statusWriter;
    this.events = events;
    this.backoff = backoff;
    this.clock = clock;
  }

  DeleteControl cleanup(ServerCertificate resource) {
    if (resource.getSpec() == null || resource.getSpec().getRegionId() == null) {
      return done(resource);
    }
    StepRunner.Deletion outcome;
    try {
      outcome = steps.deletion(resource, DeletionPlan.decide(observe(resource)));
    } catch (SlbException e) {
      return e.unknownRegion() ? regionUnknown(resource) : retryLater(resource, FailureClassifier.fromSlb(e));
    }
    if (outcome.failure() != null) {
      return retryLater(resource, outcome.failure());
    }
    if (outcome.releaseRefused() != null) {
      return retainRefused(resource, outcome.releaseRefused());
    }
    return outcome.blocked().isEmpty() ? done(resource) : blocked(resource, outcome.blocked());
  }

  /** A region SLB does not know (a mistyped, immutable regionId) holds nothing of this resource: the deletion ends. */
  private DeleteControl regionUnknown(ServerCertificate resource) {
    events.normal(resource, Conditions.REGION_UNKNOWN, "SLB does not know region " + resource.getSpec().getRegionId()
        + ", so no certificate of this resource can exist there; deleted without an SLB call");
    return done(resource);
  }

  private DeleteControl done(ServerCertificate resource) {
    backoff.reset(resource.getMetadata().getUid());
    observer.forgotten(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    return DeleteControl.defaultDelete();
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

  private DeleteControl blocked(ServerCertificate resource, Map<String, List<CertificateUse>> blocked) {
    List<CertificateUse> uses = blocked.values().stream().flatMap(List::stream).distinct().toList();
    Map<String, List<String>> services = behindLoadBalancers.servicesOf(uses.stream().map(CertificateUse::getLoadBalancerId)
        .collect(Collectors.toCollection(java.util.TreeSet::new)));
    String users = uses.isEmpty() ? "listeners (not found by walking the load balancers)"
        : uses.stream().map(u -> describe(u, services, resource.getMetadata().getNamespace())).collect(Collectors.joining(", "));
    String message = "SLB refuses to delete certificate " + String.join(", ", blocked.keySet()) + " while it is used by " + users
        + ". Detach it from these listeners (or delete them), or set spec.deletionPolicy to Retain to keep the certificate and let this resource go.";
    StatusBuilder status = StatusBuilder.from(resource, clock)
        .notReady(Conditions.DELETING, "waiting for the certificate to be released before deletion")
        .deletionBlocked(message)
        .inUseBy(uses)
        .retired(remainingRetired(resource, blocked));
    statusWriter.write(resource, status);
    observer.observed(ServerCertificateReconciler.observation(resource, Conditions.FALSE, Conditions.DELETING, resource.getStatus() == null ? null
        : resource.getStatus().getServerCertificateId(), null, true));
    events.warning(resource, Conditions.DELETION_BLOCKED_EVENT, message);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(resource.getMetadata().getUid()));
  }

  /**
   * {@code lb-...:443}, or {@code Service shop/web (lb-...:443)} when a Service of the resource's
   * namespace owns the load balancer; a Service of another namespace is not named (a tenant learns
   * nothing of other namespaces): {@code a Service in another namespace (lb-...:443)}.
   */
  static String describe(CertificateUse use, Map<String, List<String>> services, String namespace) {
    List<String> owning = services.getOrDefault(use.getLoadBalancerId(), List.of());
    String listener = Uses.describe(use);
    if (owning.isEmpty()) {
      return listener;
    }
    List<String> names = owning.stream().map(s -> s.startsWith(namespace + "/") ? "Service " + s : "a Service in another namespace")
        .distinct().toList();
    return String.join(", ", names) + " (" + listener + ")";
  }

  private static List<RetiredCertificate> remainingRetired(ServerCertificate resource, Map<String, List<CertificateUse>> blocked) {
    List<RetiredCertificate> remaining = new ArrayList<>();
    if (resource.getStatus() != null && resource.getStatus().getRetiredCertificates() != null) {
      for (RetiredCertificate r : resource.getStatus().getRetiredCertificates()) {
        if (blocked.containsKey(r.getServerCertificateId())) {
          remaining.add(r.withInUseBy(blocked.get(r.getServerCertificateId())));
        }
      }
    }
    return remaining;
  }

  /** Past the namespace's limit of released certificates: the resource and its certificate stay, and it says why. */
  private DeleteControl retainRefused(ServerCertificate resource, Verdict refusal) {
    statusWriter.write(resource, StatusBuilder.from(resource, clock).notReady(refusal.reason(), refusal.message()));
    events.warning(resource, refusal.reason(), refusal.message());
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(resource.getMetadata().getUid()));
  }

  private DeleteControl retryLater(ServerCertificate resource, ReconcileFailure failure) {
    StatusBuilder status = StatusBuilder.from(resource, clock)
        .notReady(Conditions.DELETING, "deletion waits: " + failure.getMessage());
    statusWriter.write(resource, status);
    events.warning(resource, failure.reason(), failure.getMessage());
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(resource.getMetadata().getUid()));
  }
}
