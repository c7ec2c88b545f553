package dev.slbcert.runtime;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;

/**
 * Asks the API server, before the informers start, what they would otherwise fail on with pages of
 * stack traces: that it answers, and that ServerCertificates can be listed (the CRD is installed and
 * the operator may list them). A failure is an exception {@link StartupFailure} explains in a line.
 */
final class Preflight {
  private Preflight() {}

  static void check(KubernetesClient kubernetes, Set<String> namespaces) {
    ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
    if (namespaces.isEmpty()) {
      kubernetes.resources(ServerCertificate.class).inAnyNamespace().list(one);
    }
    for (String namespace : namespaces) {
      kubernetes.resources(ServerCertificate.class).inNamespace(namespace).list(one);
    }
  }
}
