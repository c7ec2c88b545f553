package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An earlier certificate of this resource, replaced by a newer one and waiting to be deleted. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RetiredCertificate {
  @JsonPropertyDescription("SLB certificate id.")
  private String serverCertificateId;

  @JsonPropertyDescription("SHA-1 fingerprint of that certificate.")
  private String fingerprint;

  @JsonPropertyDescription("When it was replaced (RFC 3339).")
  private String retiredAt;

  @JsonPropertyDescription("Listeners and domain extensions that still use it, when known.")
  private List<CertificateUse> inUseBy = new ArrayList<>();

  public RetiredCertificate() {}

  public RetiredCertificate(String serverCertificateId, String fingerprint, String retiredAt) {
    this.serverCertificateId = serverCertificateId;
    this.fingerprint = fingerprint;
    this.retiredAt = retiredAt;
  }

  /** The same retired certificate, used by {@code uses}. */
  public RetiredCertificate withInUseBy(List<CertificateUse> uses) {
    RetiredCertificate copy = new RetiredCertificate(serverCertificateId, fingerprint, retiredAt);
    copy.setInUseBy(uses);
    return copy;
  }

  public String getServerCertificateId() { return serverCertificateId; }
  public void setServerCertificateId(String serverCertificateId) { this.serverCertificateId = serverCertificateId; }
  public String getFingerprint() { return fingerprint; }
  public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
  public String getRetiredAt() { return retiredAt; }
  public void setRetiredAt(String retiredAt) { this.retiredAt = retiredAt; }
  public List<CertificateUse> getInUseBy() { return inUseBy; }
  public void setInUseBy(List<CertificateUse> inUseBy) { this.inUseBy = inUseBy; }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetiredCertificate r && Objects.equals(serverCertificateId, r.serverCertificateId)
        && Objects.equals(fingerprint, r.fingerprint) && Objects.equals(retiredAt, r.retiredAt) && Objects.equals(inUseBy, r.inUseBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serverCertificateId, fingerprint, retiredAt, inUseBy);
  }
}
