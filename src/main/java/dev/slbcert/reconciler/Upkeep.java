package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.plan.UpkeepPlan;
import dev.slbcert.plan.Uses;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Once the certificate in use is known: observes what {@link UpkeepPlan} decides from (the
 * certificates the resource uploaded, each retired one as SLB lists it), asks it, and has the
 * {@link StepRunner} carry the plan out.
 */
public final class Upkeep {
  /** The certificate in use as it is now, and the retired ones still waiting for deletion. */
  record Done(SlbCertificate certificate, List<RetiredCertificate> retired) {
    /** The Ready condition's message: the certificate, and those waiting for deletion with their users. */
    String readyMessage() {
      String message = "SLB certificate " + certificate.id() + " is available";
      if (retired.isEmpty()) {
        return message;
      }
      return message + "; " + retired.size() + " earlier certificate(s) wait for deletion: " + retired.stream()
          .map(r -> r.getServerCertificateId() + (r.getInUseBy().isEmpty() ? "" : " (used by "
              + r.getInUseBy().stream().map(Uses::describe).collect(Collectors.joining(", ")) + ")"))
          .collect(Collectors.joining("; "));
    }
  }

  private final ClaimedCertificates claims;
  private final StepRunner steps;
  private final CertificateNaming naming;
  private final Clock clock;

  public Upkeep(ClaimedCertificates claims, StepRunner steps, CertificateNaming naming, Clock clock) {
    this.claims = claims;
    this.steps = steps;
    this.naming = naming;
    this.clock = clock;
  }

  /** @param replaced the certificate a renewal replaced just now, or null */
  Done run(ServerCertificate resource, SlbCertificate current, SlbCertificate replaced) throws SlbException, ReconcileFailure {
    List<SlbCertificate> uploaded = claims.uploadedBy(resource);
    var inStatus = resource.getStatus() == null ? null : resource.getStatus().getRetiredCertificates();
    List<UpkeepPlan.Retired> retired = new ArrayList<>();
    for (RetiredCertificate r : UpkeepPlan.retired(inStatus, replaced, uploaded, current, clock.instant())) {
      retired.add(observe(resource, r));
    }
    UpkeepPlan.Observation seen = new UpkeepPlan.Observation(naming.subject(resource), current, uploaded, retired);
    UpkeepPlan.Plan plan = UpkeepPlan.decide(seen);
    if (plan.refusal() != null) {
      throw ReconcileFailure.definite(plan.refusal().reason(), plan.refusal().message());
    }
    StepRunner.Upkept done = steps.upkeep(resource, current, plan.steps());
    return new Done(done.current(), UpkeepPlan.stillWaiting(seen, done.stillThere()));
  }

  private UpkeepPlan.Retired observe(ServerCertificate resource, RetiredCertificate entry) {
    try {
      Optional<SlbCertificate> found = claims.find(resource.getSpec().getRegionId(), entry.getServerCertificateId());
      return new UpkeepPlan.Retired(entry, found.orElse(null), false);
    } catch (SlbException e) {
      return new UpkeepPlan.Retired(entry, null, true);
    }
  }
}
