package dev.slbcert.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Secret in the namespace of the ServerCertificate. */
public class SecretReference {
  @Required
  @JsonPropertyDescription("Name of the kubernetes.io/tls Secret.")
  private String name;

  public SecretReference() {}

  public SecretReference(String name) {
    this.name = name;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
}
