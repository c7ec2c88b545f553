package dev.slbcert.runtime;

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
    String id = configured != null ? configured : kubeSystemUid(kubernetes);
    if (id == null) {
      LOG.warn("the cluster has no kube-system namespace to take its id from, and SLBCERT_CLUSTER_ID is not set: certificates get no cluster tag,"
          + " and the orphans command cannot tell this cluster's apart");
    }
    return id;
  }

  public static String resolve(String configured, KubernetesClient kubernetes) throws ConfigException {
    String id = configured != null ? configured : kubeSystemUid(kubernetes);
    if (id == null) {
      throw new ConfigException("the cluster has no kube-system namespace to take its id from; set SLBCERT_CLUSTER_ID");
    }
    return id;
  }

  /** The connected cluster's own id (the UID of its kube-system namespace), or null when it cannot be read. */
  public static String connected(KubernetesClient kubernetes) {
    try {
      return kubeSystemUid(kubernetes);
    } catch (ConfigException e) {
      return null;
    }
  }

  /** The UID of namespace kube-system, or null when there is none. */
  private static String kubeSystemUid(KubernetesClient kubernetes) throws ConfigException {
    try {
      Namespace kubeSystem = kubernetes.namespaces().withName("kube-system").get();
      return kubeSystem == null ? null : kubeSystem.getMetadata().getUid();
    } catch (KubernetesClientException e) {
      String unreachable = StartupFailure.unreachable(e, kubernetes.getMasterUrl());
      if (unreachable != null) {
        throw new ConfigException(unreachable);
      }
      throw new ConfigException("could not read namespace kube-system for the cluster's id (" + e.getCode()
          + "); grant get on it or set SLBCERT_CLUSTER_ID");
    }
  }
}
