package dev.slbcert.runtime;

import dev.slbcert.ccm.LabelledLoadBalancerServices;
import dev.slbcert.ccm.LoadBalancerServices;
import dev.slbcert.informers.NamespacedInformers;
import dev.slbcert.binding.ServiceBindingReconciler;
import dev.slbcert.fence.LeaseFence;
import dev.slbcert.fence.WriteFence;
import dev.slbcert.informers.LeanItemStore;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.reconciler.ResourceMetrics;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator: JOSDK with the ServerCertificate reconciler, patching with JSON patches. */
public final class OperatorRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  /**
   * Leader election on a Lease, and the fence that keeps a replica that can no longer prove it
   * leads from writing to SLB. The operator's Kubernetes client must be built with the fence
   * installed ({@link #installInto}): it learns of renewals from the client's Lease writes, and
   * stays shut without them.
   */
  public record LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
      Duration renewDeadline, Duration retryPeriod, LeaseFence fence) {

    /** The fence lets writes through for the renew deadline after each accepted renewal (the lease duration less a third). */
    public LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration, Duration renewDeadline,
        Duration retryPeriod) {
      this(leaseName, leaseNamespace, identity, leaseDuration, renewDeadline, retryPeriod, new LeaseFence(leaseNamespace, leaseName, renewDeadline));
    }

    public static LeaderElection of(String leaseName, String leaseNamespace, String identity) {
      return new LeaderElection(leaseName, leaseNamespace, identity, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** Installs the fence in the HTTP client of the operator's Kubernetes client, where it sees the Lease's renewals. */
    public void installInto(io.fabric8.kubernetes.client.http.HttpClient.Builder builder) {
      builder.addOrReplaceInterceptor(LeaseFence.INTERCEPTOR, fence);
    }
  }

  private final Operator operator;
  private final KubernetesClient kubernetes;
  private final LeaderElection election;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile Runnable onLostLeadership = () -> {};
  private volatile Runnable onWatchStopped = () -> {};

  public OperatorRuntime(KubernetesClient kubernetes, SlbClient slb, ReconcilerSettings settings, Set<String> namespaces, Clock clock) {
    this(kubernetes, slb, settings, namespaces, clock, ResourceMetrics.NONE, null);
  }

  /**
   * @param namespaces namespaces to watch; empty for all
   * @param election leader election, or null to reconcile without it
   */
  public OperatorRuntime(KubernetesClient kubernetes, SlbClient slb, ReconcilerSettings settings, Set<String> namespaces, Clock clock,
      ResourceMetrics observer, LeaderElection election) {
    this(kubernetes, slb, settings, namespaces, clock, observer, election, true);
  }

  /**
   * @param serviceBinding keep the certificate-id annotation of Services labelled
   *     slbcert.dev/server-certificate on their ServerCertificate's certificate (needs Services RBAC)
   */
  public OperatorRuntime(KubernetesClient kubernetes, SlbClient slb, ReconcilerSettings settings, Set<String> namespaces, Clock clock,
      ResourceMetrics observer, LeaderElection election, boolean serviceBinding) {
    this.kubernetes = kubernetes;
    this.election = election;
    this.operator = new Operator(o -> {
      o.withKubernetesClient(kubernetes)
          // JSON patches rather than server-side apply: the embedded API of the demo and the fast
          // tests answers SSA with 415, and clusters run the same code path the tests exercise
          // (the real API server tier runs it too)
          .withUseSSAToPatchPrimaryResource(false)
          .withCloseClientOnStop(false)
          .withStopOnInformerErrorDuringStartup(true)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(20))
          // JOSDK's own handler calls System.exit from the informer's thread, past the orderly stop
          // (reconciliations in flight, the Lease); the process is told instead, and stops in order.
          .withInformerStoppedHandler((informer, error) -> {
            if (error != null && informer.hasSynced() && !stopping.get()) {
              LOG.error("a watch of the Kubernetes API stopped for good ({}: {}); the operator cannot go on without it",
                  error.getClass().getSimpleName(), error.getMessage());
              onWatchStopped.run();
            }
          });
      if (election != null) {
        o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(election.leaseName())
            .withLeaseNamespace(election.leaseNamespace())
            .withIdentity(election.identity())
            .withLeaseDuration(election.leaseDuration())
            .withRenewDeadline(election.renewDeadline())
            .withRetryPeriod(election.retryPeriod())
            // JOSDK's exit calls System.exit from inside the stop, which deadlocks a stop that
            // began with SIGTERM; a lost leadership is reported through onLostLeadership instead.
            .withExitOnStopLeading(false)
            .withLeaderCallbacks(new LeaderCallbacks(
                () -> {
                  election.fence().leading();
                  leading.set(true);
                  LOG.info("leading as {}", election.identity());
                },
                () -> {
                  election.fence().revoke(); // before anything else: no write from here on
                  leading.set(false);
                  if (stopping.get()) {
                    LOG.info("stopped leading");
                  } else {
                    LOG.warn("lost leadership of Lease {}/{}", election.leaseNamespace(), election.leaseName());
                    onLostLeadership.run();
                  }
                },
                leader -> LOG.info("leader is {}", leader)))
            .build());
      }
    });
    EventRecorder events = new EventRecorder(kubernetes, clock);
    LoadBalancerServices behindLoadBalancers = serviceBinding ? new LabelledLoadBalancerServices(kubernetes, namespaces) : LoadBalancerServices.NONE;
    WriteFence fence = election == null ? WriteFence.ALWAYS_OPEN : election.fence();
    operator.register(CertificateController.create(slb.withWriteGate(fence::check), fence, kubernetes, clock, settings, observer, behindLoadBalancers,
        serviceBinding), c -> {
      watch(c, namespaces);
      c.withInformerListLimit(NamespacedInformers.LIST_PAGE);
      if (namespaces.size() <= 1) {
        // one informer: the store may be configured (JOSDK gives a configured store to every namespace's
        // informer, and each one's list would drop the others' resources from it)
        c.withItemStore(new LeanItemStore<>());
      }
      c.withReconciliationMaxInterval(settings.resyncInterval());
    });
    if (serviceBinding) {
      operator.register(new ServiceBindingReconciler(kubernetes, events, fence, settings.clusterRegion()), c -> {
        watch(c, namespaces);
        // a Service left on a replaced certificate keeps it in use, so a failed binding is tried again without end
        c.withRetry(new GenericRetry().setInitialInterval(settings.retryFirst()).setMaxInterval(settings.retryMax().toMillis()).withoutMaxAttempts());
      });
    }
  }

  /** What to do when leadership is lost other than by {@link #close()} (the process should end: another replica leads). */
  public OperatorRuntime onLostLeadership(Runnable action) {
    this.onLostLeadership = action;
    return this;
  }

  /** What to do when an informer's watch stops for good after start (the process should end, and be started again). */
  public OperatorRuntime onWatchStopped(Runnable action) {
    this.onWatchStopped = action;
    return this;
  }

  private static void watch(io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider<?> c, Set<String> namespaces) {
    if (namespaces.isEmpty()) {
      c.watchingAllNamespaces();
    } else {
      c.settingNamespaces(namespaces);
    }
  }

  public OperatorRuntime start() {
    operator.start();
    started.set(true);
    return this;
  }

  /**
   * Started with its informers synced and healthy, leading or not: a standby is ready to take over,
   * so that a Deployment can roll (a new pod must be ready before an old one goes).
   */
  public boolean isReady() {
    return started.get() && operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  public boolean isLeading() {
    return election == null || leading.get();
  }

  /** Stops reconciling (waiting for reconciliations in flight), then releases the Lease if this replica holds it. */
  @Override
  public void close() {
    stopping.set(true);
    started.set(false);
    operator.stop();
    if (election != null) {
      LeaseRelease.release(kubernetes, election.leaseNamespace(), election.leaseName(), election.identity());
    }
  }
}
