package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A Service bound to this resource by its label, and the certificate id its annotation carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BoundService {
  @JsonPropertyDescription("Name of the Service (same namespace).")
  private String name;

  @JsonPropertyDescription("The certificate id in its service.beta.kubernetes.io/alibaba-cloud-loadbalancer-cert-id annotation.")
  private String certificateId;

  @JsonPropertyDescription("Why a renewal will not reach this Service's listener, when it will not (for example a reused load balancer whose listeners ACK's cloud controller manager does not manage).")
  private String warning;

  public BoundService() {}

  public BoundService(String name, String certificateId) {
    this(name, certificateId, null);
  }

  public BoundService(String name, String certificateId, String warning) {
    this.name = name;
    this.certificateId = certificateId;
    this.warning = warning;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getCertificateId() { return certificateId; }
  public void setCertificateId(String certificateId) { this.certificateId = certificateId; }
  public String getWarning() { return warning; }
  public void setWarning(String warning) { this.warning = warning; }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoundService b && Objects.equals(name, b.name) && Objects.equals(certificateId, b.certificateId)
        && Objects.equals(warning, b.warning);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, certificateId, warning);
  }
}
