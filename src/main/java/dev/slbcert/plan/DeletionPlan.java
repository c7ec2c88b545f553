package dev.slbcert.plan;

import dev.slbcert.ownership.Action;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.status.Conditions;
import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of a resource's certificates when the resource is deleted, decided from what was
 * observed and nothing else. deletionPolicy Delete: each certificate that is the resource's (the
 * one in use, the retired ones, any tagged as its own) is deleted, and one it may not delete is
 * named in an Event and left as it is. deletionPolicy Retain: the certificate in use is released
 * when it is the resource's, and left in place otherwise; retired ones keep their tags, for the
 * orphans command to find.
 */
public final class DeletionPlan {
  /**
   * @param retain deletionPolicy Retain
   * @param statusId the certificate status names, or null
   * @param current that certificate as SLB lists it, or null
   * @param candidates with deletionPolicy Delete, every certificate that may be the resource's, as SLB lists it
   */
  public record Observation(Subject subject, boolean retain, String statusId, SlbCertificate current, List<SlbCertificate> candidates) {}

  private DeletionPlan() {}

  /** The steps: Events for what stays first, then the deletions (or the release). */
  public static List<Step> decide(Observation o) {
    if (o.retain()) {
      if (o.current() != null && o.subject().may(o.current(), Action.RELEASE).allowed()) {
        return List.of(new Step.Release(o.current()));
      }
      return List.of(new Step.Notice(Conditions.RETAINED, "left SLB certificate " + (o.statusId() == null ? "(none)" : o.statusId())
          + " in place (deletionPolicy Retain)", false));
    }
    List<Step> notices = new ArrayList<>();
    List<Step> deletions = new ArrayList<>();
    for (SlbCertificate c : o.candidates()) {
      Verdict verdict = o.subject().may(c, Action.DELETE);
      if (verdict.allowed()) {
        deletions.add(new Step.Delete(c));
      } else {
        notices.add(new Step.Notice(Conditions.NOT_OWNED, verdict.message(), false));
      }
    }
    notices.addAll(deletions);
    return notices;
  }
}
