package dev.slbcert.runtime;

import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.reconciler.ServerCertificateReconciler;
import dev.slbcert.slb.SlbClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.Set;

/** The operator: JOSDK with the ServerCertificate reconciler, patching with JSON patches. */
public final class OperatorRuntime implements AutoCloseable {
  private final Operator operator;

  /**
   * @param namespaces namespaces to watch; empty for all
   */
  public OperatorRuntime(KubernetesClient kubernetes, SlbClient slb, ReconcilerSettings settings, Set<String> namespaces, Clock clock) {
    this.operator = new Operator(o -> o
        .withKubernetesClient(kubernetes)
        .withUseSSAToPatchPrimaryResource(false)
        .withCloseClientOnStop(false)
        .withStopOnInformerErrorDuringStartup(true));
    ServerCertificateReconciler reconciler = new ServerCertificateReconciler(slb, kubernetes, clock, settings);
    operator.register(reconciler, c -> {
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
    return this;
  }

  @Override
  public void close() {
    operator.stop();
  }
}
