package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.ListenerRotation;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.Action;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Certificates a renewal replaced: deleted once SLB lets them go, their listeners first moved to
 * the current certificate with listenerRotation Rebind, and only when the resource uploaded them.
 */
final class Retirement {
  private final ClaimedCertificates claims;
  private final CertificateDeleter deleter;
  private final ListenerRebinder rebinder;
  private final EventRecorder events;
  private final Clock clock;

  Retirement(ClaimedCertificates claims, CertificateDeleter deleter, ListenerRebinder rebinder, EventRecorder events, Clock clock) {
    this.claims = claims;
    this.deleter = deleter;
    this.rebinder = rebinder;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Deletes retired certificates SLB lets go; returns those still waiting, with their users. With
   * listenerRotation Rebind, the listeners that still use one are first moved to {@code currentId}.
   */
  List<RetiredCertificate> clean(ServerCertificate resource, SlbCertificate newlyReplaced, SlbCertificate current) {
    String currentId = current.id();
    List<RetiredCertificate> retired = new ArrayList<>();
    if (resource.getStatus() != null && resource.getStatus().getRetiredCertificates() != null) {
      retired.addAll(resource.getStatus().getRetiredCertificates());
    }
    if (newlyReplaced != null) {
      retire(retired, newlyReplaced);
    }
    retireForgotten(resource, retired, current);
    List<RetiredCertificate> waiting = new ArrayList<>();
    String region = resource.getSpec().getRegionId();
    for (RetiredCertificate r : retired) {
      Optional<SlbCertificate> found;
      try {
        found = claims.find(region, r.getServerCertificateId());
      } catch (SlbException e) {
        waiting.add(r);
        continue;
      }
      if (found.isEmpty()) {
        continue; // gone from SLB
      }
      Verdict verdict = claims.may(resource, found.get(), Action.DELETE_RETIRED);
      if (!verdict.allowed()) {
        events.normal(resource, Conditions.NOT_OWNED, verdict.message());
        continue;
      }
      CertificateDeleter.Result result = deleter.delete(resource, region, r.getServerCertificateId());
      // Rebind moves listeners off a retired certificate only when the ownership table lets this resource (it uploaded it)
      if (result instanceof CertificateDeleter.InUse inUse && resource.getSpec().getListenerRotation() == ListenerRotation.Rebind
          && !inUse.uses().isEmpty() && claims.may(resource, found.get(), Action.MOVE_LISTENERS).allowed()) {
        try {
          warnAboutCcmListeners(resource, r.getServerCertificateId(), inUse.uses());
          rebinder.moveAll(resource, region, r.getServerCertificateId(), currentId,
              inUse.uses().stream().filter(u -> !u.isManagedByCcm()).toList());
          result = deleter.delete(resource, region, r.getServerCertificateId());
        } catch (SlbException e) {
          result = new CertificateDeleter.Failed(FailureClassifier.fromSlb(e));
        }
      }
      if (result instanceof CertificateDeleter.InUse inUse) {
        waiting.add(r.withInUseBy(inUse.uses()));
      } else if (result instanceof CertificateDeleter.Failed) {
        waiting.add(r);
      }
    }
    return waiting;
  }

  private void retire(List<RetiredCertificate> retired, SlbCertificate certificate) {
    if (retired.stream().noneMatch(r -> r.getServerCertificateId().equals(certificate.id()))) {
      retired.add(new RetiredCertificate(certificate.id(), certificate.fingerprint(), clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
    }
  }

  /**
   * Never lose one: every other certificate this resource uploaded, with other content than the
   * current one, is retired too. Status may miss one: renewals that follow each other faster than
   * the resource's status is written and read back (a reconciliation that read an older status
   * replaces the certificate that status names, not the one uploaded in between). Copies with the
   * current content are the {@link DuplicateHealer}'s.
   */
  private void retireForgotten(ServerCertificate resource, List<RetiredCertificate> retired, SlbCertificate current) {
    try {
      for (SlbCertificate own : claims.uploadedBy(resource)) {
        boolean sameContent = current.fingerprint() != null && current.fingerprint().equalsIgnoreCase(own.fingerprint());
        if (!own.id().equals(current.id()) && !sameContent) {
          retire(retired, own);
        }
      }
    } catch (SlbException e) {
      // the listing could not be read: the next reconciliation looks again
    }
  }

  /**
   * A listener ACK's cloud controller manager owns is never moved by Rebind: CCM would set the
   * retired certificate back at its next sync of the Service and fail, that certificate being gone.
   */
  private void warnAboutCcmListeners(ServerCertificate resource, String retiredId, List<CertificateUse> uses) {
    List<String> ccm = uses.stream().filter(CertificateUse::isManagedByCcm).map(CertificateDeleter::describe).toList();
    if (!ccm.isEmpty()) {
      events.warning(resource, Conditions.LISTENER_MANAGED_BY_CCM, "listenerRotation Rebind does not move " + String.join(", ", ccm)
          + " off certificate " + retiredId + ": ACK's cloud controller manager owns that listener and would set the old certificate back at"
          + " its next sync. Label its Service with " + dev.slbcert.ccm.ServiceBinding.LABEL + "=" + resource.getMetadata().getName()
          + " (a Service in this namespace) so that the operator moves the Service's cert-id annotation and CCM the listener");
    }
  }

  static String readyMessage(SlbCertificate certificate, List<RetiredCertificate> retired) {
    String message = "SLB certificate " + certificate.id() + " is available";
    if (retired.isEmpty()) {
      return message;
    }
    return message + "; " + retired.size() + " earlier certificate(s) wait for deletion: " + retired.stream()
        .map(r -> r.getServerCertificateId() + (r.getInUseBy().isEmpty() ? "" : " (used by "
            + r.getInUseBy().stream().map(CertificateDeleter::describe).collect(Collectors.joining(", ")) + ")"))
        .collect(Collectors.joining("; "));
  }
}
