package dev.slbcert.bench;

import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.support.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The Kubernetes API a benchmark runs against: the embedded mock (fast to start) or the real API server (holds thousands of objects). */
interface BenchApi extends AutoCloseable {
  KubernetesClient client();

  KubernetesClient newClient();

  Path kubeconfig();

  @Override
  void close();

  static BenchApi embedded() {
    EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
    return new BenchApi() {
      public KubernetesClient client() {
        return kubernetes.client();
      }

      public KubernetesClient newClient() {
        return kubernetes.newClient();
      }

      public Path kubeconfig() {
        try {
          return kubernetes.writeKubeconfig();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      public void close() {
        kubernetes.close();
      }
    };
  }

  static BenchApi real() {
    RealApiServer api = RealApiServer.get();
    api.applyCrd();
    return new BenchApi() {
      public KubernetesClient client() {
        return api.admin();
      }

      public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(api.admin().getConfiguration()).build();
      }

      public Path kubeconfig() {
        return api.adminKubeconfig();
      }

      public void close() {}
    };
  }
}
