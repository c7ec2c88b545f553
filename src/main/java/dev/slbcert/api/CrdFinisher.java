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
 * them (the generator sorts them by JSON path, and kubectl shows them in CRD order).
 */
public final class CrdFinisher {
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
      List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
      columns.sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
      version.setAdditionalPrinterColumns(columns);
    });
    return crd;
  }
}
