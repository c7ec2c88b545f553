package dev.slbcert.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTPS listeners and their domain extensions: the things that keep a certificate in use; and deleting a listener of any protocol. */
final class ListenerActions {
  static final int MAX_DOMAIN_EXTENSIONS_PER_LISTENER = 3;

  private final EmulatorState state;

  ListenerActions(EmulatorState state) {
    this.state = state;
  }

  void register(Map<String, SlbAction> actions) {
    actions.put("CreateLoadBalancerHTTPSListener", this::createListener);
    actions.put("DescribeLoadBalancerHTTPSListenerAttribute", this::describeListener);
    actions.put("SetLoadBalancerHTTPSListenerAttribute", this::setListener);
    actions.put("DeleteLoadBalancerListener", this::deleteListener);
    actions.put("CreateDomainExtension", this::createDomainExtension);
    actions.put("DescribeDomainExtensions", this::describeDomainExtensions);
    actions.put("SetDomainExtensionAttribute", this::setDomainExtension);
    actions.put("DeleteDomainExtension", this::deleteDomainExtension);
  }

  private Map<String, Object> createListener(RpcRequest r) throws ApiError {
    String lbId = r.required("LoadBalancerId");
    int port = listenerPort(r);
    String certificateId = r.required("ServerCertificateId");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(lbId);
      state.certificateInRegion(certificateId, lb.regionId);
      if (lb.listeners.containsKey(port)) {
        throw new ApiError(400, "ListenerAlreadyExists", "The specified listener port " + port + " already exists on " + lbId + ".");
      }
      EmulatorState.Listener listener = new EmulatorState.Listener();
      listener.port = port;
      listener.certificateId = certificateId;
      listener.bandwidth = r.optionalInt("Bandwidth", -1);
      ListenerSettings.apply(r, lb, listener);
      lb.listeners.put(port, listener);
    }
    return Map.of();
  }

  private Map<String, Object> describeListener(RpcRequest r) throws ApiError {
    int port = listenerPort(r);
    synchronized (state) {
      EmulatorState.Listener listener = state.httpsListener(r.required("LoadBalancerId"), port);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("ListenerPort", listener.port);
      f.put("BackendServerPort", listener.port);
      f.put("Bandwidth", listener.bandwidth);
      f.put("Status", listener.status);
      f.put("ServerCertificateId", listener.certificateId);
      f.put("Description", listener.description);
      f.put("VServerGroupId", listener.vServerGroupId);
      f.put("DomainExtensions", Json.wrap("DomainExtension", listener.domainExtensions.values().stream().map(ListenerActions::fields).toList()));
      return f;
    }
  }

  private Map<String, Object> setListener(RpcRequest r) throws ApiError {
    int port = listenerPort(r);
    String certificateId = r.optional("ServerCertificateId");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      EmulatorState.Listener listener = state.httpsListener(lb.id, port);
      if (certificateId != null) {
        state.certificateInRegion(certificateId, lb.regionId);
        listener.certificateId = certificateId;
      }
      listener.bandwidth = r.optionalInt("Bandwidth", listener.bandwidth);
      ListenerSettings.apply(r, lb, listener);
    }
    return Map.of();
  }

  private Map<String, Object> deleteListener(RpcRequest r) throws ApiError {
    int port = listenerPort(r);
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      state.listener(lb.id, port, r.optional("ListenerProtocol"));
      lb.listeners.remove(port);
    }
    return Map.of();
  }

  private Map<String, Object> createDomainExtension(RpcRequest r) throws ApiError {
    int port = listenerPort(r);
    String domain = r.required("Domain");
    String certificateId = r.required("ServerCertificateId");
    synchronized (state) {
      EmulatorState.LoadBalancer lb = state.loadBalancer(r.required("LoadBalancerId"));
      EmulatorState.Listener listener = state.httpsListener(lb.id, port);
      state.certificateInRegion(certificateId, lb.regionId);
      if (listener.domainExtensions.size() >= MAX_DOMAIN_EXTENSIONS_PER_LISTENER) {
        throw new ApiError(400, "DomainExtensionNumberExceeded", "A listener can have at most " + MAX_DOMAIN_EXTENSIONS_PER_LISTENER + " domain extensions.");
      }
      if (listener.domainExtensions.values().stream().anyMatch(de -> de.domain.equals(domain))) {
        throw new ApiError(400, "DomainExtensionAlreadyExists", "The domain " + domain + " already has an extension on this listener.");
      }
      EmulatorState.DomainExtension de = new EmulatorState.DomainExtension();
      de.id = state.newId("de-");
      de.domain = domain;
      de.certificateId = certificateId;
      listener.domainExtensions.put(de.id, de);
      return Map.of("DomainExtensionId", de.id, "ListenerPort", port);
    }
  }

  private Map<String, Object> describeDomainExtensions(RpcRequest r) throws ApiError {
    int port = listenerPort(r);
    String onlyId = r.optional("DomainExtensionId");
    List<Map<String, Object>> items = new ArrayList<>();
    synchronized (state) {
      for (EmulatorState.DomainExtension de : state.httpsListener(r.required("LoadBalancerId"), port).domainExtensions.values()) {
        if (onlyId == null || onlyId.equals(de.id)) {
          items.add(fields(de));
        }
      }
    }
    return Map.of("DomainExtensions", Json.wrap("DomainExtension", items));
  }

  private Map<String, Object> setDomainExtension(RpcRequest r) throws ApiError {
    String certificateId = r.required("ServerCertificateId");
    synchronized (state) {
      Located found = findDomainExtension(r.required("DomainExtensionId"));
      state.certificateInRegion(certificateId, found.lb.regionId);
      found.extension.certificateId = certificateId;
    }
    return Map.of();
  }

  private Map<String, Object> deleteDomainExtension(RpcRequest r) throws ApiError {
    synchronized (state) {
      Located found = findDomainExtension(r.required("DomainExtensionId"));
      found.listener.domainExtensions.remove(found.extension.id);
    }
    return Map.of();
  }

  private record Located(EmulatorState.LoadBalancer lb, EmulatorState.Listener listener, EmulatorState.DomainExtension extension) {}

  private Located findDomainExtension(String id) throws ApiError {
    for (EmulatorState.LoadBalancer lb : state.loadBalancers.values()) {
      for (EmulatorState.Listener listener : lb.listeners.values()) {
        EmulatorState.DomainExtension de = listener.domainExtensions.get(id);
        if (de != null) {
          return new Located(lb, listener, de);
        }
      }
    }
    throw new ApiError(400, "InvalidParameter.DomainExtensionId", "The specified DomainExtensionId does not exist: " + id);
  }

  private static int listenerPort(RpcRequest r) throws ApiError {
    int port = r.requiredInt("ListenerPort");
    if (port < 1 || port > 65535) {
      throw ApiError.invalid("ListenerPort", "must be between 1 and 65535");
    }
    return port;
  }

  private static Map<String, Object> fields(EmulatorState.DomainExtension de) {
    return Map.of("DomainExtensionId", de.id, "Domain", de.domain, "ServerCertificateId", de.certificateId);
  }
}
