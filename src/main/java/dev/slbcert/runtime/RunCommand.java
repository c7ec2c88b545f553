package dev.slbcert.runtime;

import dev.slbcert.config.ConfigException;
import dev.slbcert.config.OperatorConfig;
import dev.slbcert.health.HealthServer;
import dev.slbcert.metrics.MetricsServer;
import dev.slbcert.metrics.ScrapeAuthorizer;
import dev.slbcert.metrics.OperatorMetrics;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code run}: the operator, against the cluster of the standard Kubernetes client configuration. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = dev.slbcert.version.ProjectVersion.class,
    description = "Runs the operator against the cluster of KUBECONFIG (or the in-cluster service account).",
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  SLBCERT_SLB_ENDPOINT        SLB endpoint URL, e.g. http://127.0.0.1:8089 (default: the region's public endpoint)",
        "  SLBCERT_WATCH_NAMESPACES    comma-separated namespaces to watch (default: all)",
        "  SLBCERT_RESYNC_INTERVAL     how often each resource is checked against SLB (default: 10m)",
        "  SLBCERT_SLB_ENDPOINTS       per region, region=URL,... (private endpoints); before the others",
        "  SLBCERT_SLB_ENDPOINT_TEMPLATE  an endpoint with {region} in it, for every region",
        "  SLBCERT_NETWORK             public (default) or vpc: SLB's and STS's regional VPC endpoints",
        "  SLBCERT_STS_REGION          the region whose STS endpoint RRSA uses",
        "  SLBCERT_SLB_QPS             SLB calls per second, at most (default: 10)",
        "  SLBCERT_DELETE_RETRY_MAX    longest wait between retries of a blocked deletion or a fault (default: 5m)",
        "  SLBCERT_LEADER_ELECTION     true to elect one active replica on a Lease (default: false)",
        "  SLBCERT_LEASE_NAME          name of that Lease (default: slb-certificate-operator)",
        "  SLBCERT_LEASE_NAMESPACE     its namespace (default: POD_NAMESPACE)",
        "  SLBCERT_HTTP_PORT           port of /healthz and /readyz (default: 8080)",
        "  SLBCERT_METRICS_PORT        port of /metrics (default: 8443)",
        "  SLBCERT_METRICS_SECURE      false: /metrics over plain HTTP for anyone; true: HTTPS, bearer token authorized for get /metrics (default: true)",
        "  SLBCERT_LOG_FORMAT          text or json (default: text)",
        "  SLBCERT_CLUSTER_ID          this cluster's id, tagged on its certificates (default: the UID of namespace kube-system)",
        "  SLBCERT_EXPIRY_WARNING      warn (Event ExpiringSoon, daily) when a certificate expires within this (default: 14d)",
        "  SLBCERT_CLUSTER_REGION      the cluster's region (default: a Node's topology.kubernetes.io/region label)",
        "  SLBCERT_SERVICE_BINDING     false to leave Services labelled slbcert.dev/server-certificate alone (default: true)",
        "  SLBCERT_ADOPTION_LABEL      false: the Namespace label slbcert.dev/adoption opens no namespace, only SLBCERT_ADOPTION_NAMESPACES does (default: true)",
        "  SLBCERT_RETAIN_LIMIT        certificates one namespace may leave in a region with deletionPolicy Retain (default: 10; 0: none)",
        "  ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET[, ALIBABA_CLOUD_SECURITY_TOKEN]   AccessKey credentials",
        "  ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE[, ALIBABA_CLOUD_ROLE_SESSION_NAME]   RRSA",
        "  ALIBABA_CLOUD_ECS_METADATA  ECS RAM role name"})
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Override
  public Integer call() throws Exception {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("slb-certificate-operator: " + e.getMessage());
      return 2;
    }
    LogFormatter.apply(config.logFormat());
    Clock clock = Clock.systemUTC();
    OperatorMetrics metrics = new OperatorMetrics(clock);
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger();
    StopSignals.install(stop::countDown);
    var election = config.leaderElection();
    OperatorRuntime.LeaderElection leaderElection = election.enabled()
        ? OperatorRuntime.LeaderElection.of(election.leaseName(), election.leaseNamespace(), election.identity()) : null;
    // the fence learns of the Lease's renewals from this client's requests
    try (KubernetesClient kubernetes = new KubernetesClientBuilder().withHttpClientBuilderConsumer(http -> {
      if (leaderElection != null) {
        leaderElection.installInto(http);
      }
    }).build()) {
      ReconcilerSettings settings;
      try {
        settings = config.reconciler().withClusterId(ClusterIdentity.resolveOrNone(config.reconciler().clusterId(), kubernetes));
        if (config.serviceBinding()) {
          settings = settings.withClusterRegion(ClusterRegion.resolve(config.reconciler().clusterRegion(), kubernetes));
        }
      } catch (ConfigException e) {
        System.err.println("slb-certificate-operator: " + e.getMessage());
        return 2;
      }
      try {
        return operate(config, settings, kubernetes, leaderElection, metrics, clock, stop, exitCode);
      } catch (IOException | RuntimeException e) {
        String why = StartupFailure.explain(e, kubernetes.getMasterUrl());
        if (why == null) {
          throw e;
        }
        System.err.println("slb-certificate-operator: " + why);
        return 2;
      }
    }
  }

  /** Runs until stopped; returns the exit status. Fails (before anything is reconciled) when the start does. */
  private static int operate(OperatorConfig config, ReconcilerSettings settings, KubernetesClient kubernetes,
      OperatorRuntime.LeaderElection leaderElection, OperatorMetrics metrics, Clock clock, CountDownLatch stop, AtomicInteger exitCode)
      throws IOException, InterruptedException {
    try (AliyunSlbClient slb = new AliyunSlbClient(config.slb()).addListener(metrics);
        OperatorRuntime operator = new OperatorRuntime(kubernetes, slb, settings, config.watchNamespaces(), clock, metrics, leaderElection,
            config.serviceBinding());
        HealthServer health = bound(OperatorConfig.HTTP_PORT, config.httpPort(), () -> new HealthServer(config.httpPort(), operator::isReady));
        MetricsServer scrape = bound(OperatorConfig.METRICS_PORT, config.metrics().port(), () -> metricsServer(config.metrics(), metrics, kubernetes, clock))) {
      Preflight.check(kubernetes, config.watchNamespaces());
      LOG.info("probes on port {}; metrics on port {} ({}); cluster id {}", health.port(), scrape.port(),
          config.metrics().secure() ? "HTTPS, bearer token authorized for get /metrics" : "HTTP, no authorization", settings.clusterId());
      LOG.info("SLB endpoint {}; credentials: {}", config.slb().endpoints().describe(), config.slb().credentials().describe());
      metrics.bindLeadership(operator::isLeading);
      operator.onLostLeadership(exitWithFailure("exiting: another replica may lead now, and only one may reconcile", exitCode, stop));
      operator.onWatchStopped(exitWithFailure("exiting, to be started again with fresh watches", exitCode, stop));
      operator.start();
      LOG.info("operator started; watching {}", config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces());
      stop.await();
      LOG.info("stopping: waiting for reconciliations in flight");
    }
    LOG.info("stopped");
    return exitCode.get();
  }

  private static MetricsServer metricsServer(OperatorConfig.MetricsSettings settings, OperatorMetrics metrics, KubernetesClient kubernetes,
      Clock clock) throws IOException {
    if (!settings.secure()) {
      return MetricsServer.open(settings.port(), metrics::scrape);
    }
    ScrapeAuthorizer authorizer = new ScrapeAuthorizer(kubernetes, clock);
    return MetricsServer.secure(settings.port(), metrics::scrape, authorizer::decide);
  }

  private interface Opening<T> {
    T open() throws IOException;
  }

  /** Opens a server on a port, or fails with a message that names the port's setting. */
  private static <T> T bound(String setting, int port, Opening<T> opening) throws IOException {
    try {
      return opening.open();
    } catch (BindException e) {
      throw new StartupFailure.PortInUse(setting, port, e);
    }
  }

  /** Ends the process with status 1 after the same orderly stop as SIGTERM's. */
  private static Runnable exitWithFailure(String why, AtomicInteger exitCode, CountDownLatch stop) {
    return () -> {
      LOG.error(why);
      exitCode.set(1);
      stop.countDown();
    };
  }
}
