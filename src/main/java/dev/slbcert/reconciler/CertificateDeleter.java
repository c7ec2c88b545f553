package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.plan.Uses;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes one SLB certificate and says what became of it (the step runner says it in an Event). */
public final class CertificateDeleter {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateDeleter.class);

  /** What a delete attempt found. */
  sealed interface Result {}

  /** Deleted now ({@code deletedNow}), or already gone. */
  record Gone(boolean deletedNow) implements Result {}

  /** SLB refused: these listeners or domain extensions use it (empty when the walk failed). */
  record InUse(List<CertificateUse> uses) implements Result {}

  /** SLB could not answer (or refused for another reason); try later. */
  record Failed(ReconcileFailure failure) implements Result {}

  private final SlbClient slb;
  private final RegionCertificateCache cache;
  private final ReferenceCache references;

  public CertificateDeleter(SlbClient slb, RegionCertificateCache cache, ReferenceCache references) {
    this.slb = slb;
    this.cache = cache;
    this.references = references;
  }

  Result delete(String regionId, String certificateId) {
    try {
      slb.delete(regionId, certificateId);
      cache.remove(regionId, certificateId);
      LOG.info("deleted SLB certificate {} in {}", certificateId, regionId);
      return new Gone(true);
    } catch (SlbException e) {
      return switch (e.kind()) {
        case NOT_FOUND -> {
          cache.remove(regionId, certificateId);
          yield new Gone(false);
        }
        case IN_USE -> new InUse(references.usesOfRefused(regionId, certificateId).stream().map(Uses::of).toList());
        default -> {
          if (e.outcomeUnknown()) {
            cache.invalidate(regionId);
          }
          yield new Failed(FailureClassifier.fromSlb(e));
        }
      };
    }
  }
}
