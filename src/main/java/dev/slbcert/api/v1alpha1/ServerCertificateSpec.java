package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the user asks for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Fields of a newer version (its CRD applied before this operator is replaced) must not stop this one.
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(
    value = "[has(self.secretRef), has(self.serverCertificateId), has(self.aliCloudCertificate)].filter(x, x).size() == 1",
    message = "set exactly one of secretRef, serverCertificateId and aliCloudCertificate")
@ValidationRule(
    value = "has(self.resourceGroupId) == has(oldSelf.resourceGroupId) && (!has(self.resourceGroupId) || self.resourceGroupId == oldSelf.resourceGroupId)",
    message = "resourceGroupId is immutable")
@ValidationRule(
    value = "has(self.secretRef) == has(oldSelf.secretRef) && (!has(self.secretRef) || self.secretRef == oldSelf.secretRef)"
        + " && has(self.serverCertificateId) == has(oldSelf.serverCertificateId)"
        + " && (!has(self.serverCertificateId) || self.serverCertificateId == oldSelf.serverCertificateId)"
        + " && has(self.aliCloudCertificate) == has(oldSelf.aliCloudCertificate)"
        + " && (!has(self.aliCloudCertificate) || self.aliCloudCertificate == oldSelf.aliCloudCertificate)",
    message = "the source (secretRef, serverCertificateId, aliCloudCertificate) is immutable: to manage another certificate, create another ServerCertificate")
public class ServerCertificateSpec {

  @Required
  @Pattern("^[a-z]{2,}(-[a-z0-9]+)+$")
  @ValidationRule(value = "self == oldSelf", message = "regionId is immutable")
  @JsonPropertyDescription("Alibaba Cloud region of the SLB certificate, for example cn-hangzhou. Immutable.")
  private String regionId;

  @JsonPropertyDescription("A kubernetes.io/tls Secret in the same namespace: tls.crt holds the server certificate first, then its chain; tls.key the unencrypted RSA or EC private key. New content in the Secret uploads a new certificate. Immutable.")
  private SecretReference secretRef;

  @JsonPropertyDescription("Adopt an existing SLB server certificate by id instead of uploading one. A certificate made outside the operator may be adopted only in a namespace an administrator opened (label slbcert.dev/adoption=allowed); one that another ServerCertificate or another cluster manages never is. Immutable.")
  private String serverCertificateId;

  @JsonPropertyDescription("Import a certificate from Certificate Management Service instead of uploading PEM; only in a namespace an administrator opened (label slbcert.dev/adoption=allowed). Immutable.")
  private AliCloudCertificateSource aliCloudCertificate;

  @Pattern("^[A-Za-z][A-Za-z0-9._-]{0,79}$")
  @JsonPropertyDescription("Name of the certificate in SLB: 1 to 80 characters, starting with a letter; letters, digits, '.', '_' and '-'. Defaults to a name made of the namespace and name. Changing it renames the certificate in place.")
  private String certificateName;

  @JsonPropertyDescription("Resource group of the certificate. Immutable.")
  private String resourceGroupId;

  @Size(max = 17)
  @ValidationRule(value = "self.all(k, !k.startsWith('slbcert.dev/'))", message = "tag keys under slbcert.dev/ are the operator's own")
  @JsonPropertyDescription("Tags kept in sync on the SLB certificate (at most 17: the operator keeps up to three of its own: owner or adopted-by, cluster, and released-by for deletionPolicy Retain). Keys under slbcert.dev/ are the operator's own. Keys have 1 to 64 characters, values up to 128; neither may start with 'aliyun' or 'acs:' or contain 'http://' or 'https://'.")
  private Map<String, String> tags = new LinkedHashMap<>();

  @Default("Delete")
  @JsonPropertyDescription("Delete: deleting this resource deletes the SLB certificate, waiting while listeners still use it. Retain: the SLB certificate is left in place, tagged slbcert.dev/released-by with this namespace; a namespace may leave only so many in a region (the operator's SLBCERT_RETAIN_LIMIT, 10 by default), past which the deletion waits (Ready=False RetainLimitReached).")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  @Default("Manual")
  @JsonPropertyDescription("After a renewal, what happens to HTTPS listeners and domain extensions that still use the retired certificate. Manual: they are left alone (the certificate is deleted once nothing uses it; bind Services managed by ACK's cloud controller manager with the label slbcert.dev/server-certificate instead). Rebind: the operator moves them to the current certificate through the SLB API, then deletes the retired one.")
  private ListenerRotation listenerRotation = ListenerRotation.Manual;

  public String getRegionId() { return regionId; }
  public void setRegionId(String regionId) { this.regionId = regionId; }
  public SecretReference getSecretRef() { return secretRef; }
  public void setSecretRef(SecretReference secretRef) { this.secretRef = secretRef; }
  public String getServerCertificateId() { return serverCertificateId; }
  public void setServerCertificateId(String serverCertificateId) { this.serverCertificateId = serverCertificateId; }
  public AliCloudCertificateSource getAliCloudCertificate() { return aliCloudCertificate; }
  public void setAliCloudCertificate(AliCloudCertificateSource aliCloudCertificate) { this.aliCloudCertificate = aliCloudCertificate; }
  public String getCertificateName() { return certificateName; }
  public void setCertificateName(String certificateName) { this.certificateName = certificateName; }
  public String getResourceGroupId() { return resourceGroupId; }
  public void setResourceGroupId(String resourceGroupId) { this.resourceGroupId = resourceGroupId; }
  public Map<String, String> getTags() { return tags; }
  public void setTags(Map<String, String> tags) { this.tags = tags; }
  public ListenerRotation getListenerRotation() { return listenerRotation; }
  public void setListenerRotation(ListenerRotation listenerRotation) { this.listenerRotation = listenerRotation; }
  public DeletionPolicy getDeletionPolicy() { return deletionPolicy; }
  public void setDeletionPolicy(DeletionPolicy deletionPolicy) { this.deletionPolicy = deletionPolicy; }
}
