package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A certificate held by Alibaba Cloud Certificate Management Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AliCloudCertificateSource {
  @Required
  @JsonPropertyDescription("Certificate id in Certificate Management Service.")
  private String id;

  @Required
  @JsonPropertyDescription("Certificate name in Certificate Management Service.")
  private String name;

  @JsonPropertyDescription("Region of the certificate in Certificate Management Service; defaults to spec.regionId.")
  private String regionId;

  public String getId() { return id; }
  public void setId(String id) { this.id = id; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getRegionId() { return regionId; }
  public void setRegionId(String regionId) { this.regionId = regionId; }
}
