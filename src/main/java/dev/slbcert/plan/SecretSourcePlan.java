package dev.slbcert.plan;

import dev.slbcert.api.v1alpha1.UploadInFlight;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.status.Conditions;
import dev.slbcert.slb.SlbCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which certificate a resource whose source is a Secret uses, decided from what was observed and
 * nothing else: the one it uses now when it holds the Secret's content; else a copy with that
 * content it uploaded before (a lost upload answer, a split brain); else one its namespace released
 * under its name (deletionPolicy Retain, then the resource created again); else a new upload,
 * unless an upload whose answer was lost may still show up in SLB's listing.
 */
public final class SecretSourcePlan {
  /** Of several certificates, the oldest: every replica and every attempt picks the same one. */
  public static final Comparator<SlbCertificate> OLDEST = Comparator
      .comparing((SlbCertificate c) -> c.createTime() == null ? Instant.MAX : c.createTime()).thenComparing(SlbCertificate::id);

  public sealed interface Step {}

  /** The certificate in use holds the Secret's content. */
  public record KeepCurrent(SlbCertificate certificate) implements Step {}

  /** An earlier upload of this resource holds it: use that one (event Adopted). */
  public record TakeOverCopy(SlbCertificate certificate) implements Step {}

  /** A certificate its namespace released holds it under the resource's name: claim it again (event TakenBack). */
  public record TakeBack(SlbCertificate certificate) implements Step {}

  /** An upload's answer was lost a moment ago: wait before uploading again. */
  public record WaitForLostUpload() implements Step {}

  /** Upload; {@code recreated} when the certificate status names was deleted outside the operator (event Recreated). */
  public record Upload(boolean recreated) implements Step {}

  /** What was observed for one Secret-sourced resource. */
  public record Observation(String fingerprint, String statusId, String statusFingerprint, SlbCertificate current, List<SlbCertificate> uploadedBefore,
      List<SlbCertificate> releasedUnderItsName, UploadInFlight lostUpload, Instant now, Duration uploadSettleTime) {}

  private SecretSourcePlan() {}

  /**
   * @return the step; its certificate, when it names one, holds {@code fingerprint}. A step other
   *     than KeepCurrent replaces {@code current}, which is then retired.
   */
  public static Step decide(Observation o) {
    if (o.current() != null && o.fingerprint().equalsIgnoreCase(o.current().fingerprint())) {
      return new KeepCurrent(o.current());
    }
    var copy = o.uploadedBefore().stream().filter(c -> o.fingerprint().equalsIgnoreCase(c.fingerprint())).min(OLDEST);
    if (copy.isPresent()) {
      return new TakeOverCopy(copy.get());
    }
    var released = o.releasedUnderItsName().stream().filter(c -> o.fingerprint().equalsIgnoreCase(c.fingerprint())).min(OLDEST);
    if (released.isPresent()) {
      return new TakeBack(released.get());
    }
    if (settling(o.lostUpload(), o.now(), o.uploadSettleTime())) {
      return new WaitForLostUpload();
    }
    return new Upload(o.statusId() != null && o.current() == null && o.fingerprint().equalsIgnoreCase(o.statusFingerprint()));
  }

  /**
   * Taking back a released certificate: the claim (owner and cluster tags) set first, then the
   * released-by tag removed, so that a take-back cut short between the two finds it the resource's
   * (and the tag sync removes the released-by tag); an Event that says so.
   */
  public static List<dev.slbcert.plan.Step> takeBack(Subject subject, SlbCertificate released) {
    java.util.Map<String, String> claim = new java.util.LinkedHashMap<>(subject.wantedTags());
    claim.keySet().retainAll(List.of(OwnershipTags.OWNER, OwnershipTags.CLUSTER));
    return List.of(new dev.slbcert.plan.Step.Retag(released.id(), claim, List.of(OwnershipTags.RELEASED_BY)),
        new dev.slbcert.plan.Step.Notice(Conditions.TAKEN_BACK, "took back SLB certificate " + released.id() + ", which this namespace's"
            + " ServerCertificate of the same name released (deletionPolicy Retain, tag " + OwnershipTags.RELEASED_BY + "="
            + released.tags().get(OwnershipTags.RELEASED_BY) + "), instead of uploading the same certificate again", false));
  }

  /** An earlier upload of the resource, found with the Secret's content: used, and an Event says so. */
  public static List<dev.slbcert.plan.Step> takeOverCopy(SlbCertificate copy, String fingerprint) {
    return List.of(new dev.slbcert.plan.Step.Notice(Conditions.UPLOAD_FOUND, "found SLB certificate " + copy.id() + " with this content (fingerprint "
        + fingerprint + ") from an earlier upload and took it over", false));
  }

  /** Whether an upload whose answer was lost is so recent that its certificate may not be listed yet. */
  public static boolean settling(UploadInFlight lost, Instant now, Duration uploadSettleTime) {
    return lost != null && Duration.between(Instant.parse(lost.getSince()), now).compareTo(uploadSettleTime) < 0;
  }
}
