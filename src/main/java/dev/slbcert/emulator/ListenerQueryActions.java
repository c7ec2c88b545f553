package dev.slbcert.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listeners of every protocol as a whole: DescribeLoadBalancerListeners, starting and stopping,
 * and HTTP listeners (a Service's {@code http:80} beside its {@code https:443}).
 */
final class ListenerQueryActions {
  private final EmulatorState state;

  ListenerQueryActions(EmulatorState state) {
    this.state = state;
  }

  void register(Map<String, SlbAction> actions) {
    actions.put("DescribeLoadBalancerListeners", this::describe);
    actions.put("StartLoadBalancerListener", r -> status(r, "running"));
    actions.put("StopLoadBalancerListener", r -> status(r, "stopped"));
    actions.put("CreateLoadBalancerHTTPListener", this::createHttp);
    actions.put("SetLoadBalancerHTTPListenerAttribute", this::setHttp);
    actions.put("DescribeLoadBalancerHTTPListenerAttribute", this::describeHttp);
  }

  private Map<String, Object> describe(RpcRequest r) throws ApiError {
    List<String> ids = r.indexed("LoadBalancerId");
    String protocol = r.optional("ListenerProtocol");
    List<Map<String, Object>> rows = new ArrayList<>();
    synchronized (state) {
      String regionId = r.regionId();
      for (EmulatorState.LoadBalancer lb : state.loadBalancers.values()) {
        if (!lb.regionId.equals(regionId) || !ids.isEmpty() && !ids.contains(lb.id)) {
          continue;
        }
        for (EmulatorState.Listener l : lb.listeners.values()) {
          if (protocol == null || protocol.equalsIgnoreCase(l.protocol)) {
            rows.add(row(lb, l));
          }
        }
      }
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Listeners", rows);
    f.put("TotalCount", rows.size());
    f.put("MaxResults", r.optionalInt("MaxResults", 20));
    f.put("NextToken", "");
    return f;
  }

  private static Map<String, Object> row(EmulatorState.LoadBalancer lb, EmulatorState.Listener l) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("LoadBalancerId", lb.id);
    f.put("ListenerPort", l.port);
    f.put("ListenerProtocol", l.protocol);
    f.put("BackendServerPort", l.port);
    f.put("Status", l.status);
    f.put("Bandwidth", l.bandwidth);
    f.put("Scheduler", l.scheduler);
    f.put("Description", l.description);
    f.put("VServerGroupId", l.vServerGroupId);
    f.put("AclStatus", "off");
    if ("https".equals(l.protocol)) {
      f.put("HTTPSListenerConfig", Map.of("ServerCertificateId", l.certificateId, "StickySession", "off", "HealthCheck", "off",
          "XForwardedFor", "on", "RequestTimeout", 60, "IdleTimeout", 15));
    } else {
      f.put("HTTPListenerConfig", Map.of("StickySession", "off", "HealthCheck", "off", "XForwardedFor", "on", "RequestTimeout", 60,
          "IdleTimeout", 15));
    }
    return f;
  }

  private Map<String, Object> status(RpcRequest r, String status) throws ApiError {
    int port = r.requiredInt("ListenerPort");
    synchronized (state) {
      state.listener(r.required("LoadBalancerId"), port, r.optional("ListenerProtocol")).status = status;
    }
    return Map.of();
  }

  private Map<String, Object> createHttp(RpcRequest r) throws ApiError {
    int port = r.requiredInt("ListenerPort");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      if (lb.listeners.containsKey(port)) {
        throw new ApiError(400, "ListenerAlreadyExists", "The specified listener port " + port + " already exists on " + lb.id + ".");
      }
      EmulatorState.Listener listener = new EmulatorState.Listener();
      listener.port = port;
      listener.protocol = "http";
      listener.bandwidth = r.optionalInt("Bandwidth", -1);
      ListenerSettings.apply(r, lb, listener);
      lb.listeners.put(port, listener);
    }
    return Map.of();
  }

  private Map<String, Object> setHttp(RpcRequest r) throws ApiError {
    int port = r.requiredInt("ListenerPort");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      EmulatorState.Listener listener = state.listener(lb.id, port, "http");
      listener.bandwidth = r.optionalInt("Bandwidth", listener.bandwidth);
      ListenerSettings.apply(r, lb, listener);
    }
    return Map.of();
  }

  private Map<String, Object> describeHttp(RpcRequest r) throws ApiError {
    int port = r.requiredInt("ListenerPort");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      return row(lb, state.listener(lb.id, port, "http"));
    }
  }
}
