package dev.slbcert.plan;

import dev.slbcert.ownership.Action;
import dev.slbcert.ownership.Claim;
import dev.slbcert.ownership.Ownership;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.status.Conditions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a resource takes the certificate its spec names by id (spec.serverCertificateId),
 * decided from what was observed and nothing else. A certificate no resource claims (made by
 * another tool, or released by deletionPolicy Retain) needs its namespace's permission, and is
 * then tagged as adopted by the resource before anything else is done to it, so that no other
 * resource can take it after; a released one stops being released. The resource's own is used as
 * it is; another resource's or another cluster's is never taken.
 */
public final class AdoptionPlan {
  /** The certificate taken and the steps that make it the resource's; or a refusal (its reason and message). */
  public record Decision(Verdict refusal, SlbCertificate certificate, List<Step> steps) {
    static Decision refused(Verdict verdict) {
      return new Decision(verdict, null, List.of());
    }
  }

  private AdoptionPlan() {}

  /** Whether taking a certificate with this claim needs the namespace's permission (the only case where it is looked up). */
  public static boolean needsPermission(Claim claim) {
    return claim == Claim.FOREIGN || claim == Claim.RELEASED;
  }

  /**
   * @param found the certificate as SLB lists it, or null when SLB has none with that id
   * @param statusId the certificate status names, or null
   * @param permitted whether the namespace may adopt (asked only where {@link #needsPermission})
   * @param howToOpen what an administrator does to give that permission, for a refusal
   */
  public static Decision adopt(Subject subject, String id, String region, SlbCertificate found, String statusId, boolean permitted,
      String howToOpen) {
    if (found == null) {
      return Decision.refused(new Verdict(false, Conditions.CERTIFICATE_NOT_FOUND, "SLB has no server certificate " + id + " in region "
          + region + "; check spec.serverCertificateId and spec.regionId"));
    }
    Claim claim = subject.claim(found);
    Verdict verdict = Ownership.may(claim, Action.ADOPT, needsPermission(claim) && permitted, subject.namespace(), id, howToOpen);
    if (!verdict.allowed()) {
      return Decision.refused(verdict);
    }
    List<Step> steps = new ArrayList<>();
    if (needsPermission(claim)) {
      Map<String, String> claimTags = new LinkedHashMap<>(subject.wantedTags());
      claimTags.keySet().retainAll(OwnershipTags.CLAIM_KEYS);
      steps.add(new Step.Retag(id, claimTags, found.tags().containsKey(OwnershipTags.RELEASED_BY) ? List.of(OwnershipTags.RELEASED_BY) : List.of()));
    }
    if (!id.equals(statusId)) {
      steps.add(new Step.Notice(Conditions.ADOPTED, "adopted SLB certificate " + id, false));
    }
    return new Decision(null, found, steps);
  }
}
