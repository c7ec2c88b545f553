package dev.slbcert.emulator;

import java.util.Map;
import java.util.Set;

/** A load balancer's own settings: name, protections, instance and internet spec. */
final class LoadBalancerSettingActions {
  private static final Set<String> ON_OFF = Set.of("on", "off");

  private final EmulatorState state;

  LoadBalancerSettingActions(EmulatorState state) {
    this.state = state;
  }

  void register(Map<String, SlbAction> actions) {
    actions.put("SetLoadBalancerName", this::name);
    actions.put("SetLoadBalancerDeleteProtection", this::deleteProtection);
    actions.put("SetLoadBalancerModificationProtection", this::modificationProtection);
    actions.put("ModifyLoadBalancerInstanceSpec", this::instanceSpec);
    actions.put("ModifyLoadBalancerInternetSpec", this::internetSpec);
  }

  private Map<String, Object> name(RpcRequest r) throws ApiError {
    String name = r.required("LoadBalancerName");
    if (name.length() > 80) {
      throw ApiError.invalid("LoadBalancerName", "must have at most 80 characters");
    }
    synchronized (state) {
      state.loadBalancer(r.required("LoadBalancerId")).name = name;
    }
    return Map.of();
  }

  private Map<String, Object> deleteProtection(RpcRequest r) throws ApiError {
    String flag = r.required("DeleteProtection");
    if (!ON_OFF.contains(flag)) {
      throw ApiError.invalid("DeleteProtection", "must be on or off");
    }
    synchronized (state) {
      state.loadBalancer(r.required("LoadBalancerId")).deleteProtection = flag;
    }
    return Map.of();
  }

  private Map<String, Object> modificationProtection(RpcRequest r) throws ApiError {
    String status = r.required("ModificationProtectionStatus");
    if (!Set.of("NonProtection", "ConsoleProtection").contains(status)) {
      throw ApiError.invalid("ModificationProtectionStatus", "must be NonProtection or ConsoleProtection");
    }
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      lb.modificationProtection = status;
      lb.modificationProtectionReason = r.optional("ModificationProtectionReason") == null ? "" : r.optional("ModificationProtectionReason");
    }
    return Map.of();
  }

  private Map<String, Object> instanceSpec(RpcRequest r) throws ApiError {
    String spec = r.required("LoadBalancerSpec");
    synchronized (state) {
      state.loadBalancer(r.required("LoadBalancerId")).spec = spec;
    }
    return Map.of();
  }

  private Map<String, Object> internetSpec(RpcRequest r) throws ApiError {
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      if (r.optional("InternetChargeType") != null) {
        lb.internetChargeType = r.optional("InternetChargeType").toLowerCase();
      }
      lb.bandwidth = r.optionalInt("Bandwidth", lb.bandwidth);
    }
    return Map.of();
  }
}
