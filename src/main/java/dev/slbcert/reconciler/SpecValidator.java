package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.SlbRules;
import dev.slbcert.status.Conditions;
import java.util.Map;

/**
 * Checks the spec before any SLB call. The CRD's schema and CEL rules say the same, but an API
 * server may not enforce them (or the CRD may be older), so the operator never relies on them.
 */
final class SpecValidator {

  private SpecValidator() {}

  static void validate(ServerCertificate resource) throws ReconcileFailure {
    ServerCertificateSpec spec = resource.getSpec();
    if (spec == null) {
      throw invalid("spec is missing");
    }
    if (!SlbRules.isRegionId(spec.getRegionId())) {
      throw invalid("spec.regionId must be an Alibaba Cloud region id such as cn-hangzhou, not '" + spec.getRegionId() + "'");
    }
    int sources = (spec.getSecretRef() != null ? 1 : 0) + (spec.getServerCertificateId() != null ? 1 : 0) + (spec.getAliCloudCertificate() != null ? 1 : 0);
    if (sources != 1) {
      throw invalid("set exactly one of spec.secretRef, spec.serverCertificateId and spec.aliCloudCertificate (" + sources + " are set)");
    }
    if (spec.getSecretRef() != null && (spec.getSecretRef().getName() == null || spec.getSecretRef().getName().isBlank())) {
      throw invalid("spec.secretRef.name is empty");
    }
    if (spec.getAliCloudCertificate() != null && (spec.getAliCloudCertificate().getId() == null || spec.getAliCloudCertificate().getName() == null)) {
      throw invalid("spec.aliCloudCertificate needs id and name");
    }
    if (spec.getCertificateName() != null && !SlbRules.isValidCertificateName(spec.getCertificateName())) {
      throw invalid("spec.certificateName '" + spec.getCertificateName() + "' is not a valid SLB name: " + SlbRules.certificateNameRule());
    }
    Map<String, String> tags = spec.getTags() == null ? Map.of() : spec.getTags();
    var reserved = tags.keySet().stream().filter(OwnershipTags::isReserved).sorted().toList();
    if (!reserved.isEmpty()) {
      throw invalid("spec.tags may not set " + String.join(", ", reserved) + ": keys under " + OwnershipTags.PREFIX + " are the operator's own");
    }
    var tagProblem = SlbRules.tagsProblem(tags, OwnershipTags.RESERVED_PER_CERTIFICATE);
    if (tagProblem.isPresent()) {
      throw invalid("spec.tags: " + tagProblem.get());
    }
  }

  private static ReconcileFailure invalid(String message) {
    return ReconcileFailure.definite(Conditions.INVALID_SPEC, message);
  }
}
