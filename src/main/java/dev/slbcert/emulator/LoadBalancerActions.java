package dev.slbcert.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateLoadBalancer, DescribeLoadBalancers, DescribeLoadBalancerAttribute, DeleteLoadBalancer. */
final class LoadBalancerActions {
  private final EmulatorState state;
  private final Clock clock;

  LoadBalancerActions(EmulatorState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  void register(Map<String, SlbAction> actions) {
    actions.put("CreateLoadBalancer", this::create);
    actions.put("DescribeLoadBalancers", this::describe);
    actions.put("DescribeLoadBalancerAttribute", this::attribute);
    actions.put("DeleteLoadBalancer", this::delete);
  }

  private Map<String, Object> create(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String token = r.optional("ClientToken");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = token == null ? null : state.loadBalancers.values().stream()
          .filter(existing -> token.equals(existing.clientToken)).findFirst().orElse(null);
      if (lb == null) {
        lb = new EmulatorState.LoadBalancer();
        lb.id = state.newId("lb-");
        lb.regionId = regionId;
        lb.clientToken = token;
        lb.name = r.optional("LoadBalancerName") != null ? r.optional("LoadBalancerName") : "auto_named_slb";
        lb.created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        lb.address = "47.0." + (state.loadBalancers.size() / 250) + "." + (state.loadBalancers.size() % 250 + 1);
        lb.spec = r.optional("LoadBalancerSpec");
        lb.addressType = r.optional("AddressType") != null ? r.optional("AddressType") : lb.addressType;
        lb.internetChargeType = r.optional("InternetChargeType") != null ? r.optional("InternetChargeType").toLowerCase() : lb.internetChargeType;
        lb.bandwidth = r.optionalInt("Bandwidth", lb.bandwidth);
        lb.deleteProtection = r.optional("DeleteProtection") != null ? r.optional("DeleteProtection") : lb.deleteProtection;
        lb.modificationProtection = r.optional("ModificationProtectionStatus") != null ? r.optional("ModificationProtectionStatus")
            : lb.modificationProtection;
        lb.tags.putAll(r.tags());
        state.loadBalancers.put(lb.id, lb);
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("LoadBalancerId", lb.id);
      f.put("LoadBalancerName", lb.name);
      f.put("Address", lb.address);
      f.put("AddressIPVersion", "ipv4");
      f.put("NetworkType", "classic");
      f.put("ResourceGroupId", CertificateActions.DEFAULT_RESOURCE_GROUP);
      return f;
    }
  }

  private Map<String, Object> describe(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    int pageNumber = Math.max(1, r.optionalInt("PageNumber", 1));
    int pageSize = r.optionalInt("PageSize", 10);
    if (pageSize < 1 || pageSize > 100) {
      throw ApiError.invalid("PageSize", "must be between 1 and 100");
    }
    String onlyId = r.optional("LoadBalancerId");
    String name = r.optional("LoadBalancerName");
    Map<String, String> tags = LoadBalancerFilters.tags(r.optional("Tags"));
    List<Map<String, Object>> all = new ArrayList<>();
    synchronized (state) {
      for (EmulatorState.LoadBalancer lb : state.loadBalancers.values()) {
        if (lb.regionId.equals(regionId) && (onlyId == null || List.of(onlyId.split(",")).contains(lb.id))
            && (name == null || name.equals(lb.name)) && LoadBalancerFilters.hasTags(lb, tags)) {
          all.add(summary(lb));
        }
      }
    }
    int from = Math.min(all.size(), (pageNumber - 1) * pageSize);
    int to = Math.min(all.size(), from + pageSize);
    return Map.of(
        "LoadBalancers", Json.wrap("LoadBalancer", all.subList(from, to)),
        "PageNumber", pageNumber,
        "PageSize", pageSize,
        "TotalCount", all.size());
  }

  private Map<String, Object> attribute(RpcRequest r) throws ApiError {
    r.regionId();
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      Map<String, Object> f = summary(lb);
      List<Integer> ports = new ArrayList<>(lb.listeners.keySet());
      f.put("ListenerPorts", Json.wrap("ListenerPort", ports));
      f.put("ListenerPortsAndProtocol", Json.wrap("ListenerPortAndProtocol",
          lb.listeners.values().stream().map(l -> Map.of("ListenerPort", l.port, "ListenerProtocol", l.protocol)).toList()));
      f.put("BackendServers", Json.wrap("BackendServer", List.of()));
      return f;
    }
  }

  private Map<String, Object> delete(RpcRequest r) throws ApiError {
    r.regionId();
    String id = r.required("LoadBalancerId");
    synchronized (state) {
      if ("on".equals(state.loadBalancer(id).deleteProtection)) {
        throw new ApiError(400, "DeleteProtectionIsOn", "The load balancer " + id + " has delete protection on; turn it off first.");
      }
      state.loadBalancers.remove(id);
    }
    return Map.of();
  }

  private static Map<String, Object> summary(EmulatorState.LoadBalancer lb) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("LoadBalancerId", lb.id);
    f.put("LoadBalancerName", lb.name);
    f.put("RegionId", lb.regionId);
    f.put("RegionIdAlias", lb.regionId);
    f.put("Address", lb.address);
    f.put("AddressType", lb.addressType);
    f.put("NetworkType", "classic");
    f.put("LoadBalancerStatus", "active");
    f.put("CreateTime", lb.created.toString());
    f.put("CreateTimeStamp", lb.created.toEpochMilli());
    f.put("ResourceGroupId", CertificateActions.DEFAULT_RESOURCE_GROUP);
    f.put("Tags", Json.tags(lb.tags));
    f.put("LoadBalancerSpec", lb.spec == null ? "" : lb.spec);
    f.put("Bandwidth", lb.bandwidth);
    f.put("InternetChargeType", lb.internetChargeType);
    f.put("InternetChargeTypeAlias", lb.internetChargeType);
    f.put("PayType", "PayOnDemand");
    f.put("InstanceChargeType", "PayBySpec");
    f.put("DeleteProtection", lb.deleteProtection);
    f.put("ModificationProtectionStatus", lb.modificationProtection);
    f.put("ModificationProtectionReason", lb.modificationProtectionReason);
    f.put("AddressIPVersion", "ipv4");
    f.put("VpcId", "");
    f.put("VSwitchId", "");
    return f;
  }

}
