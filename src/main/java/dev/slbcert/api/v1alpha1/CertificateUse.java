package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A listener or domain extension that uses a certificate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CertificateUse {
  @JsonPropertyDescription("Load balancer id (lb-...).")
  private String loadBalancerId;

  @JsonPropertyDescription("Port of the HTTPS listener.")
  private Integer listenerPort;

  @JsonPropertyDescription("Domain extension id (de-...), when the use is an extra (SNI) certificate of the listener.")
  private String domainExtensionId;

  @JsonPropertyDescription("Domain of that domain extension.")
  private String domain;

  /** The listener is ACK's cloud controller manager's (known while the operator handles a refused deletion; never stored). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  private boolean managedByCcm;

  public CertificateUse() {}

  public CertificateUse(String loadBalancerId, Integer listenerPort, String domainExtensionId, String domain) {
    this.loadBalancerId = loadBalancerId;
    this.listenerPort = listenerPort;
    this.domainExtensionId = domainExtensionId;
    this.domain = domain;
  }

  public String getLoadBalancerId() { return loadBalancerId; }
  public void setLoadBalancerId(String loadBalancerId) { this.loadBalancerId = loadBalancerId; }
  public Integer getListenerPort() { return listenerPort; }
  public void setListenerPort(Integer listenerPort) { this.listenerPort = listenerPort; }
  public String getDomainExtensionId() { return domainExtensionId; }
  public void setDomainExtensionId(String domainExtensionId) { this.domainExtensionId = domainExtensionId; }
  public String getDomain() { return domain; }
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isManagedByCcm() { return managedByCcm; }
  public CertificateUse managedByCcm(boolean value) { this.managedByCcm = value; return this; }
  public void setDomain(String domain) { this.domain = domain; }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateUse u && Objects.equals(loadBalancerId, u.loadBalancerId) && Objects.equals(listenerPort, u.listenerPort)
        && Objects.equals(domainExtensionId, u.domainExtensionId) && Objects.equals(domain, u.domain);
  }

  @Override
  public int hashCode() {
    return Objects.hash(loadBalancerId, listenerPort, domainExtensionId, domain);
  }
}
