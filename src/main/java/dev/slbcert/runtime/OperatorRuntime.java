package dev.slbcert.runtime;

import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.reconciler.ResourceObserver;
import dev.slbcert.reconciler.ServerCertificateReconciler;
import dev.slbcert.slb.SlbClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
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
   * Leader election on a Lease.
   *
   * @param exitOnStopLeading end the process when leadership is lost (what a Deployment wants)
   */
  public record LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
      Duration renewDeadline, Duration retryPeriod, boolean exitOnStopLeading) {

    public static LeaderElection of(String leaseName, String leaseNamespace, String identity) {
      return new LeaderElection(leaseName, leaseNamespace, identity, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), true);
    }
  }

  private final Operator operator;
  private final boolean electing;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();

  public OperatorRuntime(KubernetesClient kubernetes, SlbClient slb, ReconcilerSettings settings, Set<String> namespaces, Clock clock) {
    this(kubernetes, slb, settings, namespaces, clock, ResourceObserver.NONE, null);
  }

  /**
   * @param namespaces namespaces to watch; empty for all
   * @param election leader election, or null to reconcile without it
   */
  public OperatorRuntime(KubernetesClient kubernetes, SlbClient slb, ReconcilerSettings settings, Set<String> namespaces, Clock clock,
      ResourceObserver observer, LeaderElection election) {
    this.electing = election != null;
    this.operator = new Operator(o -> {
      o.withKubernetesClient(kubernetes)
          .withUseSSAToPatchPrimaryResource(false)
          .withCloseClientOnStop(false)
          .withStopOnInformerErrorDuringStartup(true)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(20));
      if (election != null) {
        o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(election.leaseName())
            .withLeaseNamespace(election.leaseNamespace())
            .withIdentity(election.identity())
            .withLeaseDuration(election.leaseDuration())
            .withRenewDeadline(election.renewDeadline())
            .withRetryPeriod(election.retryPeriod())
            .withExitOnStopLeading(election.exitOnStopLeading())
            .withLeaderCallbacks(new LeaderCallbacks(
                () -> {
                  leading.set(true);
                  LOG.info("leading as {}", election.identity());
                },
                () -> {
                  leading.set(false);
                  LOG.info("stopped leading");
                },
                leader -> LOG.info("leader is {}", leader)))
            .build());
      }
    });
    operator.register(new ServerCertificateReconciler(slb, kubernetes, clock, settings, observer), c -> {
      if (namespaces.isEmpty()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(namespaces);
      }
      c.withReconciliationMaxInterval(settings.resyncInterval());
    });
  }

  public OperatorRuntime start() {
    operator.start();
    started.set(true);
    return this;
  }

  /** Informers synced and healthy, and leading when leader election is on. */
  public boolean isReady() {
    return started.get() && operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy()
        && (!electing || leading.get());
  }

  public boolean isLeading() {
    return !electing || leading.get();
  }

  @Override
  public void close() {
    started.set(false);
    operator.stop();
  }
}
