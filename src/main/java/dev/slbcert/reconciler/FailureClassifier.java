package dev.slbcert.reconciler;

import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;

/** Turns SLB failures into reconcile failures: the reason users see and whether to retry. */
final class FailureClassifier {
  private FailureClassifier() {}

  static ReconcileFailure fromSlb(SlbException e) {
    String detail = e.getMessage() + (e.requestId() == null ? "" : " (request " + e.requestId() + ")");
    if (e.unknownRegion()) {
      return ReconcileFailure.definite(Conditions.INVALID_SPEC, "SLB does not know the region in spec.regionId: " + detail);
    }
    return switch (e.kind()) {
      case THROTTLED, UNAVAILABLE -> ReconcileFailure.transientFault(Conditions.SLB_UNAVAILABLE, "SLB did not answer in time; retrying: " + detail);
      case ACCESS_DENIED -> ReconcileFailure.transientFault(Conditions.ACCESS_DENIED,
          "SLB refused the operator's credentials or permissions; check the access key (or RAM role) and its SLB permissions: " + detail);
      case CREDENTIALS_UNAVAILABLE -> ReconcileFailure.transientFault(Conditions.CREDENTIALS_UNAVAILABLE,
          "no SLB credentials could be had, so nothing was sent to SLB; retrying: " + detail);
      case QUOTA_EXCEEDED -> ReconcileFailure.transientFault(Conditions.QUOTA_EXCEEDED,
          "the region's server certificate quota is used up; delete unused certificates or raise the quota: " + detail);
      case INVALID_CERTIFICATE -> ReconcileFailure.definite(Conditions.INVALID_CERTIFICATE, "SLB refused the certificate: " + detail);
      case NOT_FOUND -> ReconcileFailure.definite(Conditions.CERTIFICATE_NOT_FOUND, detail);
      case IN_USE -> ReconcileFailure.transientFault(Conditions.CERTIFICATE_IN_USE, detail);
      case INVALID_REQUEST -> ReconcileFailure.definite(Conditions.SLB_ERROR, "SLB refused the request: " + detail);
    };
  }
}
