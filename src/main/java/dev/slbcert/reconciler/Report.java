package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.BoundService;
import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ccm.LoadBalancerServices;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.plan.Uses;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import dev.slbcert.status.StatusBuilder;
import dev.slbcert.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a reconciliation or a deletion came to, said in one place: the resource's status (one
 * write), the Warning Events of failures, the metrics, the expiry warnings, and when to look again.
 * The steps' own Events are the step runner's.
 */
public final class Report {
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final ResourceMetrics metrics;
  private final ExpiryWarnings expiry;
  private final RetryBackoff backoff;
  private final Clock clock;
  private final ReconcilerSettings settings;
  private final LoadBalancerServices behindLoadBalancers;

  /** @param behindLoadBalancers the Services behind load balancers, named where a listener blocks a deletion */
  public Report(StatusWriter statusWriter, EventRecorder events, ResourceMetrics metrics, ExpiryWarnings expiry, RetryBackoff backoff, Clock clock,
      ReconcilerSettings settings, LoadBalancerServices behindLoadBalancers) {
    this.statusWriter = statusWriter;
    this.events = events;
    this.metrics = metrics;
    this.expiry = expiry;
    this.backoff = backoff;
    this.clock = clock;
    this.settings = settings;
    this.behindLoadBalancers = behindLoadBalancers;
  }

  /** The Secret's new content replaced the certificate in use. */
  void rotated(ServerCertificate resource, String secret, SlbCertificate certificate, SlbCertificate replaced) {
    events.normal(resource, Conditions.ROTATED, "new content in Secret " + secret + ": certificate " + certificate.id() + " replaces "
        + replaced.id() + ", which is retired");
  }

  /** The certificate is available: status says so, with those still waiting for deletion; the next look is at the resync or sooner. */
  UpdateControl<ServerCertificate> available(ServerCertificate resource, StatusBuilder status, Upkeep.Done done, Instant notBefore,
      String secretResourceVersion, List<BoundService> services) {
    SlbCertificate certificate = done.certificate();
    List<RetiredCertificate> retired = done.retired();
    status.certificate(certificate, notBefore).secretResourceVersion(secretResourceVersion).retired(retired).uploadInFlight(null)
        .ready(Conditions.AVAILABLE, done.readyMessage());
    statusWriter.write(resource, status.services(services));
    metrics.observed(observation(resource, Conditions.TRUE, Conditions.AVAILABLE, certificate.id(), certificate.expireTime(), false));
    expiry.check(resource, certificate);
    backoff.reset(resource.getMetadata().getUid()); // waiting for a listener to move is no failure
    return UpdateControl.<ServerCertificate>noUpdate().rescheduleAfter(retired.isEmpty() ? settings.resyncInterval()
        : RetiredRecheck.after(retired, clock.instant(), settings));
  }

  /**
   * The reconciliation failed: Ready=False with the failure's reason (unless a routine check of a
   * Ready resource met an SLB fault), a Warning Event when the reason or message is new, and a retry
   * with backoff or at the resync.
   */
  UpdateControl<ServerCertificate> failed(ServerCertificate resource, StatusBuilder status, ReconcileFailure failure) {
    Condition before = StatusBuilder.find(resource.getStatus() == null ? null : resource.getStatus().getConditions(), Conditions.READY);
    if (failure.uploadInFlight() != null) {
      status.uploadInFlight(failure.uploadInFlight());
    }
    if (!routineCheckFailedTransiently(resource, before, failure)) {
      status.notReady(failure.reason(), failure.getMessage());
    }
    statusWriter.write(resource, status);
    var written = status.build();
    Condition readyNow = StatusBuilder.find(written.getConditions(), Conditions.READY);
    metrics.observed(observation(resource, readyNow == null ? "Unknown" : readyNow.getStatus(), failure.reason(), written.getServerCertificateId(),
        written.getNotAfter() == null ? null : Instant.parse(written.getNotAfter()), false));
    if (before == null || !Objects.equals(before.getReason(), failure.reason()) || !Objects.equals(before.getMessage(), failure.getMessage())) {
      events.warning(resource, failure.reason(), failure.getMessage());
    }
    Duration wait = failure.retry() == ReconcileFailure.Retry.BACKOFF
        ? backoff.next(resource.getMetadata().getUid()) : settings.resyncInterval();
    return UpdateControl.<ServerCertificate>noUpdate().rescheduleAfter(wait);
  }

  /**
   * A fault of SLB while re-checking an unchanged, Ready resource: the certificate in SLB is as
   * it was, so Ready stays True (the Warning Event and the retry still happen).
   */
  private static boolean routineCheckFailedTransiently(ServerCertificate resource, Condition before, ReconcileFailure failure) {
    return Conditions.SLB_UNAVAILABLE.equals(failure.reason()) && before != null && Conditions.TRUE.equals(before.getStatus())
        && Objects.equals(resource.getStatus().getObservedGeneration(), resource.getMetadata().getGeneration());
  }

  static ResourceMetrics.Observation observation(ServerCertificate resource, String ready, String outcome, String certificateId,
      Instant notAfter, boolean deletionBlocked) {
    return new ResourceMetrics.Observation(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
        resource.getSpec() == null ? null : resource.getSpec().getRegionId(), ready, outcome, certificateId, notAfter, deletionBlocked);
  }

  /** A region SLB does not know (a mistyped, immutable regionId) holds nothing of this resource: the deletion ends. */
  DeleteControl regionUnknown(ServerCertificate resource) {
    events.normal(resource, Conditions.REGION_UNKNOWN, "SLB does not know region " + resource.getSpec().getRegionId()
        + ", so no certificate of this resource can exist there; deleted without an SLB call");
    return deleted(resource);
  }

  /** The finalizer's work is done: the resource may go, and nothing is kept of it. */
  DeleteControl deleted(ServerCertificate resource) {
    backoff.reset(resource.getMetadata().getUid());
    metrics.forgotten(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    expiry.forget(resource.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }

  /** SLB refuses to delete certificates that listeners use: the resource stays, with a condition and an Event naming them. */
  DeleteControl deletionBlocked(ServerCertificate resource, Map<String, List<CertificateUse>> blocked) {
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
    metrics.observed(observation(resource, Conditions.FALSE, Conditions.DELETING, resource.getStatus() == null ? null
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
  DeleteControl retainRefused(ServerCertificate resource, Verdict refusal) {
    statusWriter.write(resource, StatusBuilder.from(resource, clock).notReady(refusal.reason(), refusal.message()));
    events.warning(resource, refusal.reason(), refusal.message());
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(resource.getMetadata().getUid()));
  }

  /** The deletion could not go on (SLB failed): the resource stays, says why, and the deletion is retried with backoff. */
  DeleteControl deletionWaits(ServerCertificate resource, ReconcileFailure failure) {
    StatusBuilder status = StatusBuilder.from(resource, clock)
        .notReady(Conditions.DELETING, "deletion waits: " + failure.getMessage());
    statusWriter.write(resource, status);
    events.warning(resource, failure.reason(), failure.getMessage());
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(resource.getMetadata().getUid()));
  }
}
