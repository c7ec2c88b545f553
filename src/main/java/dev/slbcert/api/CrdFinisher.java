package dev.slbcert.api;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Build step after the CRD generator: puts the printer columns in the order the model declares
 * them (the generator sorts them by JSON path, and kubectl shows them in CRD order), and describes
 * the resource, its spec and its status (the generator describes fields only), so that
 * {@code kubectl explain} has a description at every level.
 */
public final class CrdFinisher {
  /** Kubernetes' own words for the fields of a condition (the type comes from the Kubernetes model, which carries none). */
  private static final java.util.Map<String, String> CONDITION_FIELDS = java.util.Map.of(
      "type", "Type of the condition: Ready or DeletionBlocked.",
      "status", "True, False or Unknown.",
      "reason", "A CamelCase reason for the condition's last transition (the README's table lists them).",
      "message", "What happened and what to do, in words.",
      "lastTransitionTime", "When the condition last changed from one status to another.",
      "observedGeneration", "The metadata.generation the condition was set for.");

  private CrdFinisher() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    Files.writeString(file, "# Generated from dev.slbcert.api.v1alpha1.ServerCertificate by the build; do not edit.\n"
        + Serialization.asYaml(finish(crd)));
  }

  static CustomResourceDefinition finish(CustomResourceDefinition crd) {
    List<String> declared = new ArrayList<>();
    for (AdditionalPrinterColumn column : ServerCertificate.class.getAnnotationsByType(AdditionalPrinterColumn.class)) {
      declared.add(column.name());
    }
    crd.getSpec().getVersions().forEach(version -> {
      var root = version.getSchema().getOpenAPIV3Schema();
      root.setDescription(ServerCertificate.DESCRIPTION);
      root.getProperties().get("spec").setDescription(ServerCertificate.SPEC_DESCRIPTION);
      root.getProperties().get("status").setDescription(ServerCertificate.STATUS_DESCRIPTION);
      var conditions = root.getProperties().get("status").getProperties().get("conditions").getItems().getSchema();
      conditions.getProperties().forEach((name, field) -> {
        if (field.getDescription() == null || field.getDescription().isBlank()) {
          field.setDescription(CONDITION_FIELDS.get(name));
        }
      });
      List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
      columns.sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
      version.setAdditionalPrinterColumns(columns);
    });
    return crd;
  }
}
