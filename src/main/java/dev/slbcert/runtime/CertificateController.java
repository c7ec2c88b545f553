package dev.slbcert.runtime;

import dev.slbcert.ccm.LoadBalancerServices;
import dev.slbcert.fence.WriteFence;
import dev.slbcert.reconciler.AdoptionPermissionLookup;
import dev.slbcert.reconciler.CertificateDeleter;
import dev.slbcert.reconciler.CertificateSync;
import dev.slbcert.reconciler.ClaimedCertificates;
import dev.slbcert.reconciler.DeletionHandler;
import dev.slbcert.reconciler.ExpiryWarnings;
import dev.slbcert.reconciler.ListenerRebinder;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.reconciler.ReferenceCache;
import dev.slbcert.reconciler.RegionCertificateCache;
import dev.slbcert.reconciler.Report;
import dev.slbcert.reconciler.ResourceMetrics;
import dev.slbcert.reconciler.RetainRelease;
import dev.slbcert.reconciler.Retagger;
import dev.slbcert.reconciler.RetryBackoff;
import dev.slbcert.reconciler.SecretCertificateReader;
import dev.slbcert.reconciler.ServerCertificateReconciler;
import dev.slbcert.reconciler.StepRunner;
import dev.slbcert.reconciler.Upkeep;
import dev.slbcert.reconciler.UploadsInFlight;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.status.EventRecorder;
import dev.slbcert.status.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * The ServerCertificate controller's object graph: what observes (the region's cached listing, the
 * listeners that use a certificate, claims and the namespace's permission), what carries out the
 * plans' steps, and what reports, built once and passed to the reconciler.
 */
final class CertificateController {
  private CertificateController() {}

  /**
   * @param slb the SLB client, its writes behind {@code fence}
   * @param behindLoadBalancers the Services behind load balancers, named where a listener blocks a deletion
   */
  static ServerCertificateReconciler create(SlbClient slb, WriteFence fence, KubernetesClient kubernetes, Clock clock, ReconcilerSettings settings,
      ResourceMetrics metrics, LoadBalancerServices behindLoadBalancers, boolean serviceBinding) {
    EventRecorder events = new EventRecorder(kubernetes, clock);
    StatusWriter statusWriter = new StatusWriter(kubernetes);
    RetryBackoff backoff = new RetryBackoff(settings.retryFirst(), settings.retryMax());
    // observe
    RegionCertificateCache listing = new RegionCertificateCache(slb, clock, settings.resyncInterval());
    ReferenceCache users = new ReferenceCache(slb, clock, settings.referenceCacheAge());
    ClaimedCertificates claims = new ClaimedCertificates(slb, listing, settings.clusterId(),
        new AdoptionPermissionLookup(kubernetes, settings.adoptionNamespaces(), settings.adoptionByLabel()));
    // act
    Retagger retagger = new Retagger(slb, listing);
    UploadsInFlight inFlight = new UploadsInFlight();
    StepRunner steps = new StepRunner(slb, listing, retagger, new CertificateDeleter(slb, listing, users),
        new ListenerRebinder(slb, users, events), events, new RetainRelease(retagger, listing, events, clock, settings), inFlight, clock);
    // observe and plan
    CertificateSync sync = new CertificateSync(listing, claims, clock, settings.uploadSettleTime(), steps, inFlight, settings.naming(),
        settings.clusterId());
    Upkeep upkeep = new Upkeep(claims, steps, settings.naming(), clock);
    // report
    Report report = new Report(statusWriter, events, metrics, new ExpiryWarnings(events, clock, settings.expiryWarning()), backoff, clock, settings,
        behindLoadBalancers);
    DeletionHandler deletion = new DeletionHandler(steps, claims, settings.naming(), report);
    return new ServerCertificateReconciler(fence, kubernetes, clock, settings, serviceBinding, new SecretCertificateReader(clock), sync, upkeep,
        deletion, report, metrics);
  }
}
