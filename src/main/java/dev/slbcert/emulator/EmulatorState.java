package dev.slbcert.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the emulated SLB account holds. Callers lock this object for a whole action, so
 * concurrent calls never lose updates.
 */
final class EmulatorState {
  static final String ACCOUNT_ID = "1231579085529123";

  final Map<String, Certificate> certificates = new LinkedHashMap<>();
  final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Random random = new Random();

  static final class Certificate {
    String id;
    String name;
    String regionId;
    String resourceGroupId;
    String fingerprint;
    String commonName;
    List<String> subjectAlternativeNames = List.of();
    Instant notAfter;
    Instant created;
    String encryptionAlgorithm;
    int encryptionKeyLength;
    String aliCloudCertificateId;
    String aliCloudCertificateName;
    final Map<String, String> tags = new LinkedHashMap<>();
  }

  static final class LoadBalancer {
    String id;
    String name;
    String regionId;
    String address;
    String clientToken;
    Instant created;
    String spec;
    String addressType = "internet";
    String internetChargeType = "paybytraffic";
    int bandwidth = 5120;
    String deleteProtection = "off";
    String modificationProtection = "NonProtection";
    String modificationProtectionReason = "";
    final Map<Integer, Listener> listeners = new TreeMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, VServerGroup> vServerGroups = new LinkedHashMap<>();
  }

  static final class Listener {
    int port;
    /** https or http. */
    String protocol = "https";
    /** Null on an http listener. */
    String certificateId;
    String status = "stopped";
    int bandwidth = -1;
    String description = "";
    String vServerGroupId = "";
    String scheduler = "wrr";
    final Map<String, DomainExtension> domainExtensions = new LinkedHashMap<>();
  }

  static final class VServerGroup {
    String id;
    String name;
    final List<Backend> backends = new ArrayList<>();
  }

  /** A backend server of a VServer group, as SLB's BackendServers JSON gives it. */
  record Backend(String serverId, String type, int port, int weight, String description, String serverIp) {}

  static final class DomainExtension {
    String id;
    String domain;
    String certificateId;
  }

  synchronized void clear() {
    certificates.clear();
    loadBalancers.clear();
  }

  String newCertificateId(Instant now) {
    long millis = now.toEpochMilli();
    long n = sequence.incrementAndGet();
    return ACCOUNT_ID + "_" + Long.toHexString(millis) + "_" + (millis / 1000) + "_"
        + String.format("%09d", (n * 7919 + random.nextInt(1000)) % 1_000_000_000L);
  }

  String newId(String prefix) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < 16; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.append(Long.toString(sequence.incrementAndGet(), 36)).toString();
  }

  /** Every listener and domain extension that points at a certificate, as {@code lb:port} texts. */
  List<String> referencesTo(String certificateId) {
    List<String> references = new ArrayList<>();
    for (LoadBalancer lb : loadBalancers.values()) {
      for (Listener listener : lb.listeners.values()) {
        if (certificateId.equals(listener.certificateId)) {
          references.add(lb.id + ":" + listener.port);
        }
        for (DomainExtension de : listener.domainExtensions.values()) {
          if (certificateId.equals(de.certificateId)) {
            references.add(lb.id + ":" + listener.port + "/" + de.id);
          }
        }
      }
    }
    return references;
  }

  LoadBalancer loadBalancer(String id) throws ApiError {
    LoadBalancer lb = loadBalancers.get(id);
    if (lb == null) {
      throw new ApiError(400, "InvalidLoadBalancerId.NotFound", "The specified LoadBalancerId does not exist: " + id);
    }
    return lb;
  }

  Listener httpsListener(String loadBalancerId, int port) throws ApiError {
    return listener(loadBalancerId, port, "https");
  }

  /** The listener on a port, of that protocol (SLB looks listeners up by port and protocol). */
  Listener listener(String loadBalancerId, int port, String protocol) throws ApiError {
    Listener listener = loadBalancer(loadBalancerId).listeners.get(port);
    if (listener == null || protocol != null && !protocol.equalsIgnoreCase(listener.protocol)) {
      throw new ApiError(400, "ListenerNotFound", "The specified listener (" + loadBalancerId + ":" + port + ") does not exist.");
    }
    return listener;
  }

  /** The VServer group with this id and the load balancer that holds it. */
  Map.Entry<LoadBalancer, VServerGroup> vServerGroup(String id) throws ApiError {
    for (LoadBalancer lb : loadBalancers.values()) {
      VServerGroup group = lb.vServerGroups.get(id);
      if (group != null) {
        return Map.entry(lb, group);
      }
    }
    throw new ApiError(400, "InvalidParameter.VServerGroupId", "The specified VServerGroupId does not exist: " + id);
  }

  Certificate certificateInRegion(String id, String regionId) throws ApiError {
    Certificate certificate = certificates.get(id);
    if (certificate == null || !certificate.regionId.equals(regionId)) {
      throw new ApiError(400, "ServerCertificateId.NotFound", "The specified ServerCertificateId does not exist: " + id);
    }
    return certificate;
  }
}
