package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.UploadInFlight;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.plan.Step;
import dev.slbcert.plan.UpkeepPlan;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan's steps for one resource, in order, and says what came of them. A deletion
 * SLB refuses because of listeners asks the plan what comes next ({@link UpkeepPlan#afterRefusal}),
 * whose steps run before the rest.
 */
public final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

  /** The certificate in use as it is now, and the retired certificates still there after an attempt, by id. */
  record Upkept(SlbCertificate current, Map<String, RetiredCertificate> stillThere) {}

  /**
   * What a deletion plan came to: the certificates SLB refused to delete with their users; or the
   * failure that stopped it; or the refusal of a release (the namespace at its limit).
   */
  record Deletion(Map<String, List<CertificateUse>> blocked, ReconcileFailure failure, Verdict releaseRefused) {}

  private final SlbClient slb;
  private final RegionCertificateCache cache;
  private final Retagger retagger;
  private final CertificateDeleter deleter;
  private final ListenerRebinder rebinder;
  private final EventRecorder events;
  private final RetainRelease releases;
  private final UploadsInFlight inFlight;
  private final Clock clock;

  public StepRunner(SlbClient slb, RegionCertificateCache cache, Retagger retagger, CertificateDeleter deleter, ListenerRebinder rebinder, EventRecorder events,
      RetainRelease releases, UploadsInFlight inFlight, Clock clock) {
    this.releases = releases;
    this.inFlight = inFlight;
    this.clock = clock;
    this.slb = slb;
    this.cache = cache;
    this.retagger = retagger;
    this.deleter = deleter;
    this.rebinder = rebinder;
    this.events = events;
  }

  /**
   * Uploads. An answer lost on the way (the upload may or may not have taken effect) is recorded,
   * here and in the failure thrown (for status), so that the next upload waits until SLB's listing
   * can tell; an answer received clears that record.
   */
  SlbCertificate upload(ServerCertificate resource, Step.Upload step) throws SlbException, ReconcileFailure {
    String uid = resource.getMetadata().getUid();
    CertificateUpload upload = step.upload();
    SlbCertificate uploaded;
    try {
      uploaded = slb.upload(upload);
    } catch (SlbException e) {
      if (!e.outcomeUnknown()) {
        throw e;
      }
      cache.invalidate(upload.regionId());
      UploadInFlight lost = new UploadInFlight(upload.name(), step.fingerprint(), clock.instant().toString()); // full precision: it times the settle wait
      inFlight.lost(uid, lost);
      throw FailureClassifier.fromSlb(e).withUploadInFlight(lost);
    }
    inFlight.settled(uid);
    LOG.info("uploaded SLB certificate {} ({}) in {}", uploaded.id(), uploaded.fingerprint(), upload.regionId());
    cache.put(uploaded);
    if (step.importedId() != null) {
      events.normal(resource, Conditions.UPLOADED, "imported certificate " + step.importedId() + " of Certificate Management Service as SLB"
          + " certificate " + uploaded.id());
    } else if (step.recreatesId() != null) {
      events.normal(resource, Conditions.RECREATED, "SLB certificate " + step.recreatesId() + " was deleted outside the operator; uploaded it"
          + " again as " + uploaded.id());
    } else {
      events.normal(resource, Conditions.UPLOADED, "uploaded SLB certificate " + uploaded.id() + " (fingerprint " + step.fingerprint()
          + ", expires " + uploaded.expireTime() + ")");
    }
    return uploaded;
  }

  /**
   * Runs the steps of an {@link UpkeepPlan} for the certificate in use. A failed rename or retag
   * ends the run (thrown); a deletion that fails or is refused leaves its certificate waiting, and
   * the run goes on.
   */
  Upkept upkeep(ServerCertificate resource, SlbCertificate current, List<Step> plan) throws SlbException {
    Deque<Step> steps = new ArrayDeque<>(plan);
    Map<String, RetiredCertificate> stillThere = new LinkedHashMap<>();
    String region = current.regionId();
    while (!steps.isEmpty()) {
      Step step = steps.poll();
      if (step instanceof Step.Rename rename) {
        slb.rename(region, rename.id(), rename.to());
        LOG.info("renamed SLB certificate {} from {} to {}", rename.id(), rename.from(), rename.to());
        events.normal(resource, Conditions.RENAMED, "renamed SLB certificate " + rename.id() + " from " + rename.from() + " to " + rename.to());
        current = current.with(rename.to(), current.tags());
        cache.put(current);
      } else if (step instanceof Step.Retag retag) {
        current = retagger.apply(current, retag.set(), retag.remove());
        LOG.info("tagged SLB certificate {}: set {}, removed {}", retag.id(), retag.set().keySet(), retag.remove());
      } else if (step instanceof Step.DeleteDuplicate duplicate) {
        if (deleter.delete(region, duplicate.id()) instanceof CertificateDeleter.Gone) {
          events.normal(resource, Conditions.DUPLICATE_DELETED, "deleted SLB certificate " + duplicate.id() + ", a duplicate of "
              + duplicate.currentId() + " (the same content, uploaded for this resource by an earlier attempt)");
        }
      } else if (step instanceof Step.DeleteRetired retired) {
        String id = retired.retired().getServerCertificateId();
        CertificateDeleter.Result result = deleter.delete(region, id);
        deleted(resource, id, result);
        stillThere.remove(id);
        if (result instanceof CertificateDeleter.InUse inUse) {
          List<Step> next = UpkeepPlan.afterRefusal(retired, inUse.uses(), resource.getMetadata().getName());
          if (next.isEmpty()) {
            stillThere.put(id, retired.retired().withInUseBy(inUse.uses()));
          }
          for (int i = next.size() - 1; i >= 0; i--) {
            steps.addFirst(next.get(i));
          }
        } else if (result instanceof CertificateDeleter.Failed) {
          stillThere.put(id, retired.retired());
        }
      } else if (step instanceof Step.MoveListener move) {
        String id = move.retired().getServerCertificateId();
        try {
          rebinder.moveAll(resource, region, id, move.currentId(), List.of(move.use()));
        } catch (SlbException e) {
          stillThere.put(id, move.retired()); // the other moves and the deletion that was to follow wait for a later reconciliation
          steps.removeIf(s -> s instanceof Step.DeleteRetired d && d.retired().getServerCertificateId().equals(id)
              || s instanceof Step.MoveListener m && m.retired().getServerCertificateId().equals(id));
        }
      } else if (step instanceof Step.Notice notice) {
        notice(resource, notice);
      } else {
        throw new IllegalArgumentException("not a step of an upkeep plan: " + step);
      }
    }
    return new Upkept(current, stillThere);
  }

  /**
   * Runs the steps of a {@link dev.slbcert.plan.DeletionPlan}. A deletion SLB refuses because of
   * listeners is noted and the rest go on; any other failure, or a release refused, ends the run.
   *
   * @throws SlbException when a release cannot be made (SLB's answer)
   */
  Deletion deletion(ServerCertificate resource, List<Step> plan) throws SlbException {
    Map<String, List<CertificateUse>> blocked = new LinkedHashMap<>();
    for (Step step : plan) {
      if (step instanceof Step.Delete delete) {
        SlbCertificate certificate = delete.certificate();
        CertificateDeleter.Result result = deleter.delete(certificate.regionId(), certificate.id());
        deleted(resource, certificate.id(), result);
        if (result instanceof CertificateDeleter.InUse inUse) {
          blocked.put(certificate.id(), inUse.uses());
        } else if (result instanceof CertificateDeleter.Failed failed) {
          return new Deletion(blocked, failed.failure(), null);
        }
      } else if (step instanceof Step.Release release) {
        Verdict verdict = releases.release(resource, release.certificate());
        if (!verdict.allowed()) {
          return new Deletion(blocked, null, verdict);
        }
      } else if (step instanceof Step.Notice notice) {
        notice(resource, notice);
      } else {
        throw new IllegalArgumentException("not a step of a deletion plan: " + step);
      }
    }
    return new Deletion(blocked, null, null);
  }

  private void deleted(ServerCertificate resource, String id, CertificateDeleter.Result result) {
    if (result instanceof CertificateDeleter.Gone gone && gone.deletedNow()) {
      events.normal(resource, Conditions.DELETED, "deleted SLB certificate " + id);
    }
  }

  private void notice(ServerCertificate resource, Step.Notice notice) {
    if (notice.warning()) {
      events.warning(resource, notice.reason(), notice.message());
    } else {
      events.normal(resource, notice.reason(), notice.message());
    }
  }
}
