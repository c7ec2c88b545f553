package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed. Written only by the status builder. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Fields of a newer version (its CRD applied before this operator is replaced) must not stop this one.
@JsonIgnoreProperties(ignoreUnknown = true)
public class ServerCertificateStatus {
  @JsonPropertyDescription("Id of the SLB server certificate this resource manages.")
  private String serverCertificateId;
  @JsonPropertyDescription("Its name in SLB.")
  private String certificateName;
  @JsonPropertyDescription("Its region.")
  private String regionId;
  @JsonPropertyDescription("SHA-1 fingerprint of the certificate, as SLB reports it.")
  private String fingerprint;
  @JsonPropertyDescription("Common name of the certificate's subject.")
  private String commonName;
  @JsonPropertyDescription("DNS and IP subject alternative names.")
  private List<String> subjectAlternativeNames;
  @JsonPropertyDescription("The resourceVersion of the Secret the certificate was read from. While the Secret keeps this version, checks need not read it again.")
  private String secretResourceVersion;
  @JsonPropertyDescription("Start of validity (RFC 3339), when known.")
  private String notBefore;
  @JsonPropertyDescription("End of validity (RFC 3339).")
  private String notAfter;
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;
  @JsonPropertyDescription("Ready: the certificate exists in SLB as asked. DeletionBlocked: deletion waits because listeners still use the certificate.")
  private List<Condition> conditions = new ArrayList<>();
  @JsonPropertyDescription("Listeners and domain extensions that block the deletion, when known.")
  private List<CertificateUse> inUseBy;
  @JsonPropertyDescription("Earlier certificates of this resource that still wait to be deleted.")
  private List<RetiredCertificate> retiredCertificates;
  @JsonPropertyDescription("An upload whose answer was lost; the operator looks for its certificate before uploading again.")
  private UploadInFlight uploadInFlight;
  @JsonPropertyDescription("Services of this namespace labelled slbcert.dev/server-certificate with this resource's name, and the certificate id each one's annotation carries.")
  private List<BoundService> services;
  @JsonPropertyDescription("The last value of the annotation slbcert.dev/check-requested-at the operator acted on (it then looked at SLB afresh).")
  private String lastHandledCheckRequest;

  public String getServerCertificateId() { return serverCertificateId; }
  public void setServerCertificateId(String v) { this.serverCertificateId = v; }
  public String getCertificateName() { return certificateName; }
  public void setCertificateName(String v) { this.certificateName = v; }
  public String getRegionId() { return regionId; }
  public void setRegionId(String v) { this.regionId = v; }
  public String getFingerprint() { return fingerprint; }
  public void setFingerprint(String v) { this.fingerprint = v; }
  public String getCommonName() { return commonName; }
  public void setCommonName(String v) { this.commonName = v; }
  public List<String> getSubjectAlternativeNames() { return subjectAlternativeNames; }
  public void setSubjectAlternativeNames(List<String> v) { this.subjectAlternativeNames = v; }
  public String getSecretResourceVersion() { return secretResourceVersion; }
  public void setSecretResourceVersion(String v) { this.secretResourceVersion = v; }
  public String getNotBefore() { return notBefore; }
  public void setNotBefore(String v) { this.notBefore = v; }
  public String getNotAfter() { return notAfter; }
  public void setNotAfter(String v) { this.notAfter = v; }
  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long v) { this.observedGeneration = v; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> v) { this.conditions = v; }
  public List<CertificateUse> getInUseBy() { return inUseBy; }
  public void setInUseBy(List<CertificateUse> v) { this.inUseBy = v; }
  public List<RetiredCertificate> getRetiredCertificates() { return retiredCertificates; }
  public void setRetiredCertificates(List<RetiredCertificate> v) { this.retiredCertificates = v; }
  public UploadInFlight getUploadInFlight() { return uploadInFlight; }
  public void setUploadInFlight(UploadInFlight v) { this.uploadInFlight = v; }
  public List<BoundService> getServices() { return services; }
  public void setServices(List<BoundService> v) { this.services = v; }
  public String getLastHandledCheckRequest() { return lastHandledCheckRequest; }
  public void setLastHandledCheckRequest(String v) { this.lastHandledCheckRequest = v; }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerCertificateStatus s
        && Objects.equals(serverCertificateId, s.serverCertificateId) && Objects.equals(certificateName, s.certificateName)
        && Objects.equals(regionId, s.regionId) && Objects.equals(fingerprint, s.fingerprint) && Objects.equals(commonName, s.commonName)
        && Objects.equals(subjectAlternativeNames, s.subjectAlternativeNames) && Objects.equals(secretResourceVersion, s.secretResourceVersion)
        && Objects.equals(notBefore, s.notBefore)
        && Objects.equals(notAfter, s.notAfter) && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions) && Objects.equals(inUseBy, s.inUseBy)
        && Objects.equals(retiredCertificates, s.retiredCertificates) && Objects.equals(uploadInFlight, s.uploadInFlight)
        && Objects.equals(services, s.services);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serverCertificateId, fingerprint, conditions);
  }
}
