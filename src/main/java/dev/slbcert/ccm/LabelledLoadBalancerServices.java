package dev.slbcert.ccm;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Services that ACK's cloud controller manager labelled with a load balancer's id, in the
 * namespaces the operator watches. Asked only while a deletion is blocked, so it lists on demand
 * instead of keeping every Service of the cluster in memory.
 */
public final class LabelledLoadBalancerServices implements LoadBalancerServices {
  private static final Logger LOG = LoggerFactory.getLogger(LabelledLoadBalancerServices.class);

  private final KubernetesClient kubernetes;
  private final Set<String> namespaces;

  /** @param namespaces the watched namespaces; empty for all */
  public LabelledLoadBalancerServices(KubernetesClient kubernetes, Set<String> namespaces) {
    this.kubernetes = kubernetes;
    this.namespaces = namespaces;
  }

  @Override
  public Map<String, List<String>> servicesOf(Set<String> loadBalancerIds) {
    Map<String, List<String>> behindLoadBalancers = new TreeMap<>();
    if (loadBalancerIds.isEmpty()) {
      return behindLoadBalancers;
    }
    try {
      List<Service> services = new ArrayList<>();
      for (String id : new java.util.TreeSet<>(loadBalancerIds)) { // one query per load balancer: a blocked deletion names few
        if (namespaces.isEmpty()) {
          services.addAll(kubernetes.services().inAnyNamespace().withLabel(ServiceBinding.LOAD_BALANCER_LABEL, id).list().getItems());
        } else {
          for (String namespace : namespaces) {
            services.addAll(kubernetes.services().inNamespace(namespace).withLabel(ServiceBinding.LOAD_BALANCER_LABEL, id).list().getItems());
          }
        }
      }
      for (Service s : services) {
        behindLoadBalancers.computeIfAbsent(s.getMetadata().getLabels().get(ServiceBinding.LOAD_BALANCER_LABEL), id -> new ArrayList<>())
            .add(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());
      }
    } catch (KubernetesClientException e) {
      LOG.debug("could not list the Services of load balancers {}: {}", loadBalancerIds, e.getMessage());
    }
    return behindLoadBalancers;
  }
}
