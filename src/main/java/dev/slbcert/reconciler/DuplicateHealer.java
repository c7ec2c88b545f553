package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.Action;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import java.util.List;

/**
 * One certificate per resource, whatever made more: a split brain (two replicas uploading at once)
 * or an upload whose answer was lost past the settle window leaves copies with the same content and
 * the resource's owner tag. The one in use stays; the others are deleted once nothing uses them.
 * Costs no SLB call while there is none: it reads the region's shared listing.
 */
final class DuplicateHealer {
  private final ClaimedCertificates claims;
  private final CertificateDeleter deleter;
  private final EventRecorder events;

  DuplicateHealer(ClaimedCertificates claims, CertificateDeleter deleter, EventRecorder events) {
    this.claims = claims;
    this.deleter = deleter;
    this.events = events;
  }

  /** Deletes the copies of {@code current} that nothing uses; those still in use wait for a later reconciliation. */
  void heal(ServerCertificate resource, SlbCertificate current) throws SlbException {
    if (current.fingerprint() == null) {
      return;
    }
    List<SlbCertificate> copies = claims.uploadedBy(resource).stream()
        .filter(c -> !c.id().equals(current.id()) && current.fingerprint().equalsIgnoreCase(c.fingerprint())).toList();
    for (SlbCertificate copy : copies) {
      Verdict verdict = claims.may(resource, copy, Action.DELETE_DUPLICATE);
      if (!verdict.allowed()) {
        continue;
      }
      if (deleter.delete(resource, current.regionId(), copy.id()) instanceof CertificateDeleter.Gone) {
        events.normal(resource, Conditions.DUPLICATE_DELETED, "deleted SLB certificate " + copy.id() + ", a duplicate of " + current.id()
            + " (the same content, uploaded for this resource by an earlier attempt)");
      }
    }
  }
}
