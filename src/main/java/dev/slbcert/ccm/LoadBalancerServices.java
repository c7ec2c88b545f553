package dev.slbcert.ccm;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Kubernetes Services behind load balancers, to name them where a listener blocks a deletion. */
public interface LoadBalancerServices {
  /** "namespace/name" of the Services that own each of these load balancers (those with none are left out). */
  Map<String, List<String>> servicesOf(Set<String> loadBalancerIds);

  LoadBalancerServices NONE = ids -> Map.of();
}
