package dev.slbcert.orphans;

import dev.slbcert.config.ConfigException;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** This cluster's id: SLBCERT_CLUSTER_ID when set, else the UID of the kube-system namespace (stable for a cluster's life). */
public final class ClusterIdentity {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterIdentity.class);

  private ClusterIdentity() {}

  /** Like {@link #resolve}, but a cluster without kube-system (an API server alone) runs without a cluster tag, with a warning. */
  public static String resolveOrNone(String configured, KubernetesClient kubernetes) throws ConfigException {
    try {
      return resolve(configured, kubernetes);
    } catch (ConfigException e) {
      if (e.getMessage().startsWith("the cluster has no kube-system")) {
        LOG.warn("{}: certificates get no cluster tag, and the orphans command cannot tell this cluster's apart", e.getMessage());
        return null;
      }
      throw e;
    }
  }

  public static String resolve(String configured, KubernetesClient kubernetes) throws ConfigException {
    if (configured != null) {
      return configured;
    }
    try {
      Namespace kubeSystem = kubernetes.namespaces().withName("kube-system").get();
      if (kubeSystem != null && kubeSystem.getMetadata().getUid() != null) {
        return kubeSystem.getMetadata().getUid();
      }
      throw new ConfigException("the cluster has no kube-system namespace to take its id from; set SLBCERT_CLUSTER_ID");
    } catch (KubernetesClientException e) {
      throw new ConfigException("could not read namespace kube-system for the cluster's id (" + e.getCode()
          + "); grant get on it or set SLBCERT_CLUSTER_ID");
    }
  }
}
