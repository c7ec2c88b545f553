package dev.slbcert.runtime;

import dev.slbcert.slb.SlbRules;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's region, where ACK's cloud controller manager looks certificates up:
 * SLBCERT_CLUSTER_REGION when set, else the {@value #REGION_LABEL} label of a Node (ACK sets it),
 * else the region its provider id starts with ({@code cn-hangzhou.i-...}); null when none says.
 */
public final class ClusterRegion {
  public static final String REGION_LABEL = "topology.kubernetes.io/region";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRegion.class);

  private ClusterRegion() {}

  public static String resolve(String configured, KubernetesClient kubernetes) {
    if (configured != null) {
      return configured;
    }
    try {
      List<Node> nodes = kubernetes.nodes().list(new ListOptionsBuilder().withLimit(1L).build()).getItems();
      return nodes.isEmpty() ? null : of(nodes.get(0));
    } catch (KubernetesClientException e) {
      LOG.info("could not read a Node for the cluster's region ({}); set SLBCERT_CLUSTER_REGION to have bindings across regions refused", e.getCode());
      return null;
    }
  }

  static String of(Node node) {
    String label = node.getMetadata().getLabels() == null ? null : node.getMetadata().getLabels().get(REGION_LABEL);
    if (label != null && !label.isBlank()) {
      return label;
    }
    String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
    int dot = providerId == null ? -1 : providerId.indexOf('.');
    return dot > 0 && SlbRules.isRegionId(providerId.substring(0, dot)) ? providerId.substring(0, dot) : null;
  }
}
