package dev.slbcert.emulator;

import java.util.List;
import java.util.Map;

/** What the emulated account holds at one moment, as {@code GET /_emulator/state} shows it. */
public record EmulatorSnapshot(List<Certificate> certificates, List<LoadBalancer> loadBalancers) {

  public record Certificate(
      String id, String name, String regionId, String fingerprint, String commonName, String resourceGroupId, Map<String, String> tags) {}

  public record LoadBalancer(String id, String name, String regionId, List<Listener> listeners, List<VServerGroup> vServerGroups) {
    /** The backends of the VServer group with this id, as serverId:port; empty when there is no such group. */
    public List<String> backendsOf(String vServerGroupId) {
      return vServerGroups.stream().filter(g -> g.id().equals(vServerGroupId)).flatMap(g -> g.backends().stream())
          .map(b -> b.serverId() + ":" + b.port()).toList();
    }
  }

  public record VServerGroup(String id, String name, List<Backend> backends) {}

  public record Backend(String serverId, int port, int weight) {}

  /** @param description the listener's Description (ACK's CCM writes {@code k8s/<port>/<service>/<namespace>/<cluster>}) */
  public record Listener(int port, String serverCertificateId, List<DomainExtension> domainExtensions, String protocol, String description,
      String status, String vServerGroupId) {}

  public record DomainExtension(String id, String domain, String serverCertificateId) {}

  /** The certificates of one region. */
  public List<Certificate> certificatesIn(String regionId) {
    return certificates.stream().filter(c -> c.regionId().equals(regionId)).toList();
  }

  static EmulatorSnapshot of(EmulatorState state) {
    synchronized (state) {
      return new EmulatorSnapshot(
          state.certificates.values().stream()
              .map(c -> new Certificate(c.id, c.name, c.regionId, c.fingerprint, c.commonName, c.resourceGroupId, Map.copyOf(c.tags)))
              .toList(),
          state.loadBalancers.values().stream()
              .map(lb -> new LoadBalancer(lb.id, lb.name, lb.regionId, lb.listeners.values().stream()
                  .map(l -> new Listener(l.port, l.certificateId, l.domainExtensions.values().stream()
                      .map(de -> new DomainExtension(de.id, de.domain, de.certificateId)).toList(), l.protocol, l.description, l.status,
                      l.vServerGroupId))
                  .toList(),
                  lb.vServerGroups.values().stream().map(g -> new VServerGroup(g.id, g.name, g.backends.stream()
                      .map(b -> new Backend(b.serverId(), b.port(), b.weight())).toList())).toList()))
              .toList());
    }
  }
}
