package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes of a ServerCertificate its controller reconciles at once: a new generation (the
 * spec changed), the finalizer missing or just added, the deletion begun, or a new value of
 * {@value #CHECK_REQUESTED_AT}. That annotation asks the operator to check one resource now (as
 * Flux's {@code reconcile.fluxcd.io/requestedAt} does), for example after an administrator opened
 * its namespace to adoption. Everything else (status writes, the operator's own included, labels,
 * other annotations) waits for the resync, as with generation-aware processing. The controller
 * runs with generation-aware processing off and this filter instead: JOSDK ANDs a custom filter
 * with its generation filter, which would hide a check request.
 */
public final class ReconciledChanges implements OnUpdateFilter<ServerCertificate> {
  public static final String CHECK_REQUESTED_AT = "slbcert.dev/check-requested-at";

  @Override
  public boolean accept(ServerCertificate now, ServerCertificate before) {
    return reconciles(now, before);
  }

  /** Whether the resource carries a check request its status does not record as handled: SLB is then looked at afresh. */
  static boolean newCheckRequest(ServerCertificate resource) {
    String requested = checkRequestedAt(resource);
    return requested != null && (resource.getStatus() == null || !requested.equals(resource.getStatus().getLastHandledCheckRequest()));
  }

  static boolean reconciles(ServerCertificate now, ServerCertificate before) {
    return newGeneration(now, before) || finalizerNeededOrJustAdded(now, before) || (now.isMarkedForDeletion() && !before.isMarkedForDeletion())
        || !Objects.equals(checkRequestedAt(now), checkRequestedAt(before));
  }

  private static boolean newGeneration(ServerCertificate now, ServerCertificate before) {
    Long was = before.getMetadata().getGeneration();
    Long is = now.getMetadata().getGeneration();
    return was == null || is == null || was < is;
  }

  private static boolean finalizerNeededOrJustAdded(ServerCertificate now, ServerCertificate before) {
    return !now.hasFinalizer(ServerCertificateReconciler.FINALIZER) || !before.hasFinalizer(ServerCertificateReconciler.FINALIZER);
  }

  /** The resource's check request, or null. */
  static String checkRequestedAt(ServerCertificate sc) {
    Map<String, String> annotations = sc.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(CHECK_REQUESTED_AT);
  }
}
