package dev.slbcert.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** VServer groups of a load balancer and their backend servers, as ACK's cloud controller manager uses them. */
final class VServerGroupActions {

  private final EmulatorState state;

  VServerGroupActions(EmulatorState state) {
    this.state = state;
  }

  void register(Map<String, SlbAction> actions) {
    actions.put("DescribeVServerGroups", this::describeAll);
    actions.put("CreateVServerGroup", this::create);
    actions.put("DescribeVServerGroupAttribute", this::describe);
    actions.put("DeleteVServerGroup", this::delete);
    actions.put("AddVServerGroupBackendServers", r -> changeBackends(r, "BackendServers", null));
    actions.put("RemoveVServerGroupBackendServers", r -> changeBackends(r, null, "BackendServers"));
    actions.put("ModifyVServerGroupBackendServers", r -> changeBackends(r, "NewBackendServers", "OldBackendServers"));
    actions.put("SetVServerGroupAttribute", this::set);
  }

  private Map<String, Object> describeAll(RpcRequest r) throws ApiError {
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      List<Map<String, Object>> groups = new ArrayList<>();
      for (EmulatorState.VServerGroup g : lb.vServerGroups.values()) {
        groups.add(Map.of("VServerGroupId", g.id, "VServerGroupName", g.name, "ServerCount", g.backends.size()));
      }
      return Map.of("VServerGroups", Json.wrap("VServerGroup", groups));
    }
  }

  private Map<String, Object> create(RpcRequest r) throws ApiError {
    String name = r.optional("VServerGroupName");
    List<EmulatorState.Backend> backends = backends(r.optional("BackendServers"), "BackendServers");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      EmulatorState.VServerGroup group = new EmulatorState.VServerGroup();
      group.id = state.newId("rsp-");
      group.name = name == null ? "" : name;
      group.backends.addAll(backends);
      lb.vServerGroups.put(group.id, group);
      return Map.of("VServerGroupId", group.id, "BackendServers", Json.wrap("BackendServer", fields(group.backends)));
    }
  }

  private Map<String, Object> describe(RpcRequest r) throws ApiError {
    synchronized (state) {
      var found = state.vServerGroup(r.required("VServerGroupId"));
      return attribute(found.getKey(), found.getValue());
    }
  }

  private Map<String, Object> delete(RpcRequest r) throws ApiError {
    synchronized (state) {
      var found = state.vServerGroup(r.required("VServerGroupId"));
      EmulatorState.LoadBalancer lb = found.getKey();
      boolean inUse = lb.listeners.values().stream().anyMatch(l -> found.getValue().id.equals(l.vServerGroupId));
      if (inUse) {
        throw new ApiError(400, "RspoolVipExist", "There are vips associating with this vServer group.");
      }
      lb.vServerGroups.remove(found.getValue().id);
    }
    return Map.of();
  }

  private Map<String, Object> set(RpcRequest r) throws ApiError {
    String name = r.optional("VServerGroupName");
    String given = r.optional("BackendServers");
    List<EmulatorState.Backend> changed = backends(given, "BackendServers");
    synchronized (state) {
      var found = state.vServerGroup(r.required("VServerGroupId"));
      EmulatorState.VServerGroup group = found.getValue();
      if (name != null) {
        group.name = name;
      }
      // SetVServerGroupAttribute changes the weight (and description) of servers already in the group
      for (EmulatorState.Backend b : changed) {
        int at = indexOf(group, b);
        if (at < 0) {
          throw new ApiError(400, "BackendServer.configuring", "The specified backend server is not in the VServer group: " + b.serverId());
        }
        group.backends.set(at, b);
      }
      return attribute(found.getKey(), group);
    }
  }

  private Map<String, Object> changeBackends(RpcRequest r, String addParameter, String removeParameter) throws ApiError {
    List<EmulatorState.Backend> add = addParameter == null ? List.of() : backends(r.required(addParameter), addParameter);
    List<EmulatorState.Backend> remove = removeParameter == null ? List.of() : backends(r.required(removeParameter), removeParameter);
    synchronized (state) {
      var found = state.vServerGroup(r.required("VServerGroupId"));
      EmulatorState.VServerGroup group = found.getValue();
      for (EmulatorState.Backend b : remove) {
        int at = indexOf(group, b);
        if (at >= 0) {
          group.backends.remove(at);
        }
      }
      for (EmulatorState.Backend b : add) {
        if (indexOf(group, b) >= 0) {
          throw new ApiError(400, "BackendServer.alreadyExists", "The backend server " + b.serverId() + ":" + b.port() + " is already in the group.");
        }
        group.backends.add(b);
      }
      return Map.of("VServerGroupId", group.id, "BackendServers", Json.wrap("BackendServer", fields(group.backends)));
    }
  }

  private static int indexOf(EmulatorState.VServerGroup group, EmulatorState.Backend b) {
    for (int i = 0; i < group.backends.size(); i++) {
      EmulatorState.Backend existing = group.backends.get(i);
      if (existing.serverId().equals(b.serverId()) && existing.port() == b.port()) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, Object> attribute(EmulatorState.LoadBalancer lb, EmulatorState.VServerGroup group) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("VServerGroupId", group.id);
    f.put("VServerGroupName", group.name);
    f.put("LoadBalancerId", lb.id);
    f.put("BackendServers", Json.wrap("BackendServer", fields(group.backends)));
    return f;
  }

  private static List<Map<String, Object>> fields(List<EmulatorState.Backend> backends) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (EmulatorState.Backend b : backends) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("ServerId", b.serverId());
      f.put("Type", b.type());
      f.put("Port", b.port());
      f.put("Weight", b.weight());
      f.put("Description", b.description());
      if (b.serverIp() != null) {
        f.put("ServerIp", b.serverIp());
      }
      rows.add(f);
    }
    return rows;
  }

  /**
   * SLB's BackendServers parameter: a JSON array of {ServerId, Port, Weight, Type, Description,
   * ServerIp}, keys in any case, numbers as numbers or strings ({@link JsonParameter}).
   */
  static List<EmulatorState.Backend> backends(String json, String parameter) throws ApiError {
    List<EmulatorState.Backend> backends = new ArrayList<>();
    for (JsonNode b : JsonParameter.objects(json, parameter, "{ServerId, Port, Weight, Type, Description}")) {
      String serverId = JsonParameter.field(b, "ServerId").asText("");
      if (serverId.isEmpty()) {
        throw ApiError.invalid(parameter, "every backend server needs a ServerId");
      }
      int port = JsonParameter.field(b, "Port").asInt(0);
      if (port < 1 || port > 65535) {
        throw ApiError.invalid(parameter, "Port of " + serverId + " must be between 1 and 65535");
      }
      JsonNode serverIp = JsonParameter.field(b, "ServerIp");
      backends.add(new EmulatorState.Backend(serverId, JsonParameter.field(b, "Type").asText("ecs"), port, JsonParameter.field(b, "Weight").asInt(100),
          JsonParameter.field(b, "Description").asText(""), serverIp.isMissingNode() || serverIp.isNull() ? null : serverIp.asText()));
    }
    return backends;
  }
}
