package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** An upload whose answer was lost: it may have created a certificate, which must be found, not made twice. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UploadInFlight {
  @JsonPropertyDescription("Name the certificate was uploaded under.")
  private String certificateName;

  @JsonPropertyDescription("Fingerprint of the uploaded certificate.")
  private String fingerprint;

  @JsonPropertyDescription("When the answer was lost (RFC 3339).")
  private String since;

  public UploadInFlight() {}

  public UploadInFlight(String certificateName, String fingerprint, String since) {
    this.certificateName = certificateName;
    this.fingerprint = fingerprint;
    this.since = since;
  }

  public String getCertificateName() { return certificateName; }
  public void setCertificateName(String certificateName) { this.certificateName = certificateName; }
  public String getFingerprint() { return fingerprint; }
  public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
  public String getSince() { return since; }
  public void setSince(String since) { this.since = since; }

  @Override
  public boolean equals(Object o) {
    return o instanceof UploadInFlight u && Objects.equals(certificateName, u.certificateName) && Objects.equals(fingerprint, u.fingerprint)
        && Objects.equals(since, u.since);
  }

  @Override
  public int hashCode() {
    return Objects.hash(certificateName, fingerprint, since);
  }
}
