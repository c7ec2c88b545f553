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

  public BoundService() {}

  public BoundService(String name, String certificateId) {
    this.name = name;
    this.certificateId = certificateId;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getCertificateId() { return certificateId; }
  public void setCertificateId(String certificateId) { this.certificateId = certificateId; }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoundService b && Objects.equals(name, b.name) && Objects.equals(certificateId, b.certificateId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, certificateId);
  }
}
