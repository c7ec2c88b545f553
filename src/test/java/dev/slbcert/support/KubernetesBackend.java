package dev.slbcert.support;

import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.runtime.OperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.UUID;

/** The Kubernetes API an {@link OperatorHarness} runs against, and the identity its operator uses there. */
public interface KubernetesBackend extends AutoCloseable {

  /** The test's own client (full rights). */
  KubernetesClient client();

  /** A new client for one operator instance. */
  KubernetesClient newOperatorClient();

  /** Makes a namespace for one test (a no-op where namespaces need not exist). */
  void createNamespace(String name);

  /** The leader election each operator instance takes part in, or null. */
  OperatorRuntime.LeaderElection leaderElection();

  @Override
  void close();

  /** Makes the next {@code times} PATCHes of {@code path} answer 409 Conflict; false where the API cannot be told to (a real one). */
  default boolean injectPatchConflicts(String path, int times) {
    return false;
  }

  /** The embedded fabric8 mock API: fast, enforces nothing. */
  static KubernetesBackend embedded() {
    EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
    return new KubernetesBackend() {
      @Override
      public KubernetesClient client() {
        return kubernetes.client();
      }

      @Override
      public KubernetesClient newOperatorClient() {
        return kubernetes.newClient();
      }

      @Override
      public void createNamespace(String name) {}

      @Override
      public boolean injectPatchConflicts(String path, int times) {
        kubernetes.injectPatchConflicts(path, times);
        return true;
      }

      @Override
      public OperatorRuntime.LeaderElection leaderElection() {
        return null;
      }

      @Override
      public void close() {
        kubernetes.close();
      }
    };
  }

  /**
   * The real API server with the chart installed by helm (default values): the operator authenticates
   * with the token of the chart's ServiceAccount and elects a leader on the chart's Lease, as its pods do.
   */
  static KubernetesBackend realWithChartIdentity() {
    RealApiServer api = RealApiServer.get();
    api.applyCrd();
    InstalledChart chart = InstalledChart.defaults();
    return new KubernetesBackend() {
      @Override
      public KubernetesClient client() {
        return api.admin();
      }

      @Override
      public KubernetesClient newOperatorClient() {
        return api.clientAs(chart.namespace(), chart.serviceAccount());
      }

      @Override
      public void createNamespace(String name) {
        TestResources.namespace(api.admin(), name);
      }

      @Override
      public OperatorRuntime.LeaderElection leaderElection() {
        return new OperatorRuntime.LeaderElection(InstalledChart.LEASE_NAME, chart.namespace(), "harness-" + UUID.randomUUID(),
            Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(250));
      }

      @Override
      public void close() {}
    };
  }
}
