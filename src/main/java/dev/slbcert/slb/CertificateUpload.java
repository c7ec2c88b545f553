package dev.slbcert.slb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to upload: a PEM chain with its private key, or a certificate of Certificate Management
 * Service. {@link #toString()} never shows PEM or key material.
 */
public final class CertificateUpload {
  private final String regionId;
  private final String name;
  private final String resourceGroupId;
  private final String certificatePem;
  private final String privateKeyPem;
  private final String aliCloudCertificateId;
  private final String aliCloudCertificateName;
  private final String aliCloudCertificateRegionId;
  private final Map<String, String> tags;

  private CertificateUpload(String regionId, String name, String resourceGroupId, String certificatePem, String privateKeyPem,
      String aliCloudCertificateId, String aliCloudCertificateName, String aliCloudCertificateRegionId, Map<String, String> tags) {
    this.regionId = Objects.requireNonNull(regionId, "regionId");
    this.name = name;
    this.resourceGroupId = resourceGroupId;
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
    this.aliCloudCertificateId = aliCloudCertificateId;
    this.aliCloudCertificateName = aliCloudCertificateName;
    this.aliCloudCertificateRegionId = aliCloudCertificateRegionId;
    this.tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public static CertificateUpload pem(String regionId, String name, String resourceGroupId, String certificatePem, String privateKeyPem) {
    return new CertificateUpload(regionId, name, resourceGroupId,
        Objects.requireNonNull(certificatePem, "certificatePem"), Objects.requireNonNull(privateKeyPem, "privateKeyPem"), null, null, null, Map.of());
  }

  public static CertificateUpload fromCertificateService(String regionId, String name, String resourceGroupId,
      String certificateId, String certificateName, String certificateRegionId) {
    return new CertificateUpload(regionId, name, resourceGroupId, null, null,
        Objects.requireNonNull(certificateId, "certificateId"), certificateName, certificateRegionId, Map.of());
  }

  /** The same upload, with tags the certificate gets in the upload itself (at most 20, SLB's tag rules). */
  public CertificateUpload withTags(Map<String, String> newTags) {
    return new CertificateUpload(regionId, name, resourceGroupId, certificatePem, privateKeyPem, aliCloudCertificateId,
        aliCloudCertificateName, aliCloudCertificateRegionId, newTags);
  }

  public String regionId() { return regionId; }
  public String name() { return name; }
  public String resourceGroupId() { return resourceGroupId; }
  public String certificatePem() { return certificatePem; }
  public String privateKeyPem() { return privateKeyPem; }
  public String aliCloudCertificateId() { return aliCloudCertificateId; }
  public String aliCloudCertificateName() { return aliCloudCertificateName; }
  public String aliCloudCertificateRegionId() { return aliCloudCertificateRegionId; }
  public Map<String, String> tags() { return tags; }

  public boolean isPem() {
    return certificatePem != null;
  }

  @Override
  public String toString() {
    return "CertificateUpload[region=" + regionId + ", name=" + name
        + (isPem() ? ", source=PEM" : ", source=certificate-service:" + aliCloudCertificateId) + ", tags=" + tags + "]";
  }
}
