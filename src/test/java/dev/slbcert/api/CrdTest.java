package dev.slbcert.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.demo.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdTest {
  private static final Path COMMITTED = Path.of("crds/servercertificates.slbcert.dev-v1.yml");

  @Test
  void committedCrdIsWhatTheBuildGeneratesFromTheModel() throws Exception {
    String generated;
    try (InputStream in = CrdTest.class.getResourceAsStream(EmbeddedKubernetes.CRD_RESOURCE)) {
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(Files.readString(COMMITTED))
        .as("crds/ is stale: copy target/classes%s to %s", EmbeddedKubernetes.CRD_RESOURCE, COMMITTED)
        .isEqualTo(generated);
  }

  @Test
  void namesAndScopeAreTheUserFacingContract() {
    CustomResourceDefinition crd = EmbeddedKubernetes.crd();

    assertThat(crd.getSpec().getGroup()).isEqualTo("slbcert.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ServerCertificate");
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("servercertificates");
    assertThat(crd.getSpec().getNames().getSingular()).isEqualTo("servercertificate");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("slbcert", "slbcerts");
    assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
      assertThat(v.getName()).isEqualTo("v1alpha1");
      assertThat(v.getSubresources().getStatus()).isNotNull();
    });
  }

  @Test
  void printerColumnsShowReadyReasonSecretIdExpiryAgeAndMoreWhenWide() {
    var columns = EmbeddedKubernetes.crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns();

    assertThat(columns).extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("Ready", "Reason", "Secret", "Certificate-ID", "Not-After", "Age", "Region", "Fingerprint", "Message");
    assertThat(columns).extracting(CustomResourceColumnDefinition::getPriority).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1);
    assertThat(columns.get(0).getJsonPath()).isEqualTo(".status.conditions[?(@.type==\"Ready\")].status");
  }

  @Test
  void schemaDescribesRequiresAndRestrictsTheSpec() {
    JSONSchemaProps spec = specSchema();

    assertThat(spec.getRequired()).containsExactly("regionId");
    assertThat(spec.getProperties().get("deletionPolicy").getEnum()).extracting(Object::toString).containsExactly("\"Delete\"", "\"Retain\"");
    assertThat(spec.getProperties().get("deletionPolicy").getDefault().toString()).contains("Delete");
    assertThat(spec.getProperties().get("secretRef").getRequired()).containsExactly("name");
    assertThat(spec.getProperties().values()).allSatisfy(p -> assertThat(p.getDescription()).isNotBlank());
    assertThat(spec.getProperties().get("certificateName").getPattern()).isEqualTo("^[A-Za-z][A-Za-z0-9._-]{0,79}$");
  }

  @Test
  void celRulesRequireOneSourceKeepRegionResourceGroupAndSourceImmutableAndReserveTheOperatorsTags() {
    JSONSchemaProps spec = specSchema();

    assertThat(spec.getXKubernetesValidations()).extracting(ValidationRule::getMessage).containsExactlyInAnyOrder(
        "set exactly one of secretRef, serverCertificateId and aliCloudCertificate",
        "resourceGroupId is immutable",
        "the source (secretRef, serverCertificateId, aliCloudCertificate) is immutable: to manage another certificate, create another ServerCertificate");
    assertThat(spec.getProperties().get("regionId").getXKubernetesValidations()).extracting(ValidationRule::getRule).containsExactly("self == oldSelf");
    assertThat(spec.getProperties().get("tags").getXKubernetesValidations()).extracting(ValidationRule::getRule)
        .containsExactly("self.all(k, !k.startsWith('slbcert.dev/'))");
  }

  @Test
  void everyLevelOfTheSchemaIsDescribedForKubectlExplain() {
    JSONSchemaProps root = EmbeddedKubernetes.crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    java.util.List<String> undescribed = new java.util.ArrayList<>();
    collectUndescribed("servercertificate", root, undescribed);

    assertThat(undescribed).as("fields without a description").isEmpty();
  }

  private static void collectUndescribed(String path, JSONSchemaProps schema, java.util.List<String> into) {
    if (schema.getDescription() == null || schema.getDescription().isBlank()) {
      into.add(path);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, child) -> {
        if (!path.equals("servercertificate") || !java.util.Set.of("apiVersion", "kind", "metadata").contains(name)) {
          collectUndescribed(path + "." + name, child, into);
        }
      });
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null && schema.getItems().getSchema().getProperties() != null) {
      schema.getItems().getSchema().getProperties().forEach((name, child) -> collectUndescribed(path + "[]." + name, child, into));
    }
  }

  private static JSONSchemaProps specSchema() {
    return EmbeddedKubernetes.crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }
}
