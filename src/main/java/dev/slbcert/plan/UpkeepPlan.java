package dev.slbcert.plan;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.ccm.ServiceBinding;
import dev.slbcert.ownership.Action;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbRules;
import dev.slbcert.status.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a resource's certificate needs once the resource knows which one it uses, decided from
 * what was observed and nothing else: its name and tags as the spec asks (an adopted certificate
 * keeps its name unless the spec sets one, and the tags others gave it), copies with its content
 * deleted (a lost upload answer, a split brain), and the certificates renewals replaced deleted,
 * their listeners first moved with listenerRotation Rebind. Every step is one {@link
 * dev.slbcert.ownership.Ownership} allows.
 */
public final class UpkeepPlan {
  /**
   * A certificate waiting for deletion as SLB lists it: {@code found} null when SLB no longer has
   * it, {@code lookupFailed} when SLB could not be asked (it keeps waiting).
   */
  public record Retired(RetiredCertificate entry, SlbCertificate found, boolean lookupFailed) {}

  /** What was observed: the certificate in use, every certificate the resource uploaded, and those waiting for deletion. */
  public record Observation(Subject subject, SlbCertificate current, List<SlbCertificate> uploadedBy, List<Retired> retired) {}

  /** The steps, in order; or a refusal (its reason and message), and then no step. */
  public record Plan(Verdict refusal, List<Step> steps) {
    static Plan refused(Verdict verdict) {
      return new Plan(verdict, List.of());
    }
  }

  private UpkeepPlan() {}

  public static Plan decide(Observation o) {
    Subject subject = o.subject();
    SlbCertificate current = o.current();
    Verdict retag = subject.may(current, Action.RETAG);
    if (!retag.allowed()) {
      return Plan.refused(retag);
    }
    List<Step> steps = new ArrayList<>();
    if (subject.nameManaged() && !subject.wantedName().equals(current.name())) {
      Verdict rename = subject.may(current, Action.RENAME);
      if (!rename.allowed()) {
        return Plan.refused(rename);
      }
      steps.add(new Step.Rename(current.id(), current.name(), subject.wantedName()));
    }
    Step.Retag retagging = tags(subject, current);
    if (!retagging.set().isEmpty() || !retagging.remove().isEmpty()) {
      steps.add(retagging);
    }
    if (current.fingerprint() != null) {
      o.uploadedBy().stream().filter(c -> !c.id().equals(current.id()) && current.fingerprint().equalsIgnoreCase(c.fingerprint()))
          .filter(copy -> subject.may(copy, Action.DELETE_DUPLICATE).allowed())
          .forEach(copy -> steps.add(new Step.DeleteDuplicate(copy.id(), current.id())));
    }
    for (Retired r : o.retired()) {
      if (r.lookupFailed() || r.found() == null) {
        continue; // it waits for SLB to answer; or it is gone
      }
      Verdict delete = subject.may(r.found(), Action.DELETE_RETIRED);
      if (!delete.allowed()) {
        steps.add(new Step.Notice(Conditions.NOT_OWNED, delete.message(), false));
        continue;
      }
      steps.add(new Step.DeleteRetired(r.entry(), current.id(), subject.rebind() && subject.may(r.found(), Action.MOVE_LISTENERS).allowed()));
    }
    return new Plan(null, steps);
  }

  /**
   * The tags to set and remove. A certificate the resource uploaded is wholly its own: the spec's
   * tags and the operator's, no other (Alibaba Cloud's own excepted). An adopted one keeps the tags
   * others gave it; only an owner tag naming this resource (which adoption once set, before
   * adopted-by) gives way to the adopted-by tag.
   */
  private static Step.Retag tags(Subject subject, SlbCertificate current) {
    Map<String, String> set = new LinkedHashMap<>();
    subject.wantedTags().forEach((k, v) -> {
      if (!Objects.equals(current.tags().get(k), v)) {
        set.put(k, v);
      }
    });
    List<String> remove = subject.adopted()
        ? (subject.uid().equals(current.tags().get(OwnershipTags.OWNER)) ? List.of(OwnershipTags.OWNER) : List.of())
        : current.tags().keySet().stream().filter(k -> !subject.wantedTags().containsKey(k) && !SlbRules.isSystemTag(k)).toList();
    return new Step.Retag(current.id(), set, remove);
  }

  /**
   * The certificates waiting for deletion: those status lists, the one a renewal just replaced, and
   * every other the resource uploaded with other content than the one in use (status may miss one:
   * renewals that follow each other faster than status is written and read back). Copies with the
   * content in use are duplicates, not retired.
   */
  public static List<RetiredCertificate> retired(List<RetiredCertificate> inStatus, SlbCertificate newlyReplaced, List<SlbCertificate> uploadedBy,
      SlbCertificate current, Instant now) {
    List<RetiredCertificate> retired = new ArrayList<>(inStatus == null ? List.of() : inStatus);
    List<SlbCertificate> more = new ArrayList<>();
    if (newlyReplaced != null) {
      more.add(newlyReplaced);
    }
    for (SlbCertificate own : uploadedBy) {
      boolean sameContent = current.fingerprint() != null && current.fingerprint().equalsIgnoreCase(own.fingerprint());
      if (!own.id().equals(current.id()) && !sameContent) {
        more.add(own);
      }
    }
    for (SlbCertificate c : more) {
      if (retired.stream().noneMatch(r -> r.getServerCertificateId().equals(c.id()))) {
        retired.add(new RetiredCertificate(c.id(), c.fingerprint(), now.truncatedTo(ChronoUnit.SECONDS).toString()));
      }
    }
    return retired;
  }

  /**
   * SLB refused to delete a retired certificate because of {@code uses}: with listenerRotation
   * Rebind (and its ownership), the listeners the operator may move are moved to the certificate
   * in use and the deletion is tried once more; a listener of ACK's cloud controller manager is
   * never moved (CCM would set the retired certificate back), and a Warning says how to bind its
   * Service instead. Otherwise nothing: the certificate waits, its users in status.
   */
  public static List<Step> afterRefusal(Step.DeleteRetired refused, List<CertificateUse> uses, String resourceName) {
    if (!refused.mayMoveListeners() || uses.isEmpty()) {
      return List.of();
    }
    String retiredId = refused.retired().getServerCertificateId();
    List<Step> next = new ArrayList<>();
    List<String> ccm = uses.stream().filter(CertificateUse::isManagedByCcm).map(Uses::describe).toList();
    if (!ccm.isEmpty()) {
      next.add(new Step.Notice(Conditions.LISTENER_MANAGED_BY_CCM, "listenerRotation Rebind does not move " + String.join(", ", ccm)
          + " off certificate " + retiredId + ": ACK's cloud controller manager owns that listener and would set the old certificate back at"
          + " its next sync. Label its Service with " + ServiceBinding.LABEL + "=" + resourceName
          + " (a Service in this namespace) so that the operator moves the Service's cert-id annotation and CCM the listener", true));
    }
    uses.stream().filter(u -> !u.isManagedByCcm()).forEach(u -> next.add(new Step.MoveListener(refused.retired(), refused.currentId(), u)));
    next.add(new Step.DeleteRetired(refused.retired(), refused.currentId(), false));
    return next;
  }

  /**
   * Those of the observed retired certificates that still wait after the steps: the ones SLB could
   * not be asked about, and those {@code stillThere} (by id, with their users) after a deletion
   * attempt; in the order observed.
   */
  public static List<RetiredCertificate> stillWaiting(Observation o, Map<String, RetiredCertificate> stillThere) {
    List<RetiredCertificate> waiting = new ArrayList<>();
    for (Retired r : o.retired()) {
      RetiredCertificate after = r.lookupFailed() ? r.entry() : stillThere.get(r.entry().getServerCertificateId());
      if (after != null) {
        waiting.add(after);
      }
    }
    return waiting;
  }
}
