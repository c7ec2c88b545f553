package dev.slbcert.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.RealApiServer.KubectlResult;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The committed CRD on a real kube-apiserver: what {@code kubectl apply} accepts, refuses and prints. */
class CrdOnApiServerTest {
  private static final String NS = "crd-rules";
  private static RealApiServer api;

  @BeforeAll
  static void applyCrd() {
    api = RealApiServer.get();
    api.applyCrd();
    if (api.admin().namespaces().withName(NS).get() == null) {
      api.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }
  }

  @Test
  void theCrdIsEstablishedWithItsNamesServed() {
    KubectlResult resources = api.kubectl("", "api-resources", "--api-group=slbcert.dev", "-o", "wide");

    assertThat(resources.exitCode()).as(resources.output()).isZero();
    assertThat(resources.output()).containsPattern("servercertificates\\s+slbcert,slbcerts\\s+slbcert.dev/v1alpha1\\s+true\\s+ServerCertificate");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      no source                    | {regionId: cn-hangzhou}                                                                        | spec: Invalid value: "object": set exactly one of secretRef, serverCertificateId and aliCloudCertificate
      two sources                  | {regionId: cn-hangzhou, secretRef: {name: web}, serverCertificateId: 123_cn-hangzhou}            | spec: Invalid value: "object": set exactly one of secretRef, serverCertificateId and aliCloudCertificate
      region missing               | {secretRef: {name: web}}                                                                       | spec.regionId: Required value
      region malformed             | {regionId: Hangzhou, secretRef: {name: web}}                                                   | spec.regionId: Invalid value: "Hangzhou": spec.regionId in body should match '^[a-z]{2,}(-[a-z0-9]+)+$'
      deletion policy not in enum  | {regionId: cn-hangzhou, secretRef: {name: web}, deletionPolicy: Keep}                           | spec.deletionPolicy: Unsupported value: "Keep": supported values: "Delete", "Retain"
      certificate name malformed   | {regionId: cn-hangzhou, secretRef: {name: web}, certificateName: 1st-cert}                      | spec.certificateName: Invalid value: "1st-cert": spec.certificateName in body should match '^[A-Za-z][A-Za-z0-9._-]{0,79}$'
      secretRef without name       | {regionId: cn-hangzhou, secretRef: {}}                                                         | spec.secretRef.name: Required value
      aliCloudCertificate partial  | {regionId: cn-hangzhou, aliCloudCertificate: {id: '123'}}                                      | spec.aliCloudCertificate.name: Required value
      operator's cluster tag       | {regionId: cn-hangzhou, secretRef: {name: web}, tags: {slbcert.dev/cluster: other}}            | spec.tags: Invalid value: "object": tag keys under slbcert.dev/ are the operator's own
      operator's owner tag         | {regionId: cn-hangzhou, secretRef: {name: web}, tags: {slbcert.dev/owner: x, team: a}}          | spec.tags: Invalid value: "object": tag keys under slbcert.dev/ are the operator's own
      """)
  void kubectlApplyRefusesAnInvalidSpecWithTheRulesMessage(String description, String spec, String message) {
    KubectlResult applied = api.kubectl(manifest("invalid", spec), "apply", "-f", "-");

    assertThat(applied.exitCode()).as(applied.output()).isNotZero();
    assertThat(applied.output()).contains("The ServerCertificate \"invalid\" is invalid").contains(message);
    assertThat(api.kubectl("", "get", "servercertificate", "invalid", "-n", NS).output()).contains("NotFound");
  }

  @Test
  void moreThanSeventeenTagsAreRefused() {
    String tags = IntStream.rangeClosed(1, 18).mapToObj(i -> "k" + i + ": v").collect(Collectors.joining(", ", "{", "}"));

    KubectlResult applied = api.kubectl(manifest("tagged", "{regionId: cn-hangzhou, secretRef: {name: web}, tags: " + tags + "}"), "apply", "-f", "-");

    assertThat(applied.exitCode()).as(applied.output()).isNotZero();
    assertThat(applied.output()).contains("spec.tags: Too many: 18: must have at most 17 items");
  }

  @Test
  void eachSourceAloneIsAcceptedAndTheDeletionPolicyDefaultsToDelete() {
    for (var source : Map.of("from-secret", "secretRef: {name: web}", "adopted", "serverCertificateId: 123_cn-hangzhou",
        "imported", "aliCloudCertificate: {id: '9', name: cas-cert}").entrySet()) {
      KubectlResult applied = api.kubectl(manifest(source.getKey(), "{regionId: cn-hangzhou, " + source.getValue() + "}"), "apply", "-f", "-");

      assertThat(applied.exitCode()).as(applied.output()).isZero();
      assertThat(api.kubectl("", "get", "servercertificate", source.getKey(), "-n", NS, "-o", "jsonpath={.spec.deletionPolicy}").output())
          .isEqualTo("Delete");
      delete(source.getKey());
    }
  }

  @Test
  void regionAndResourceGroupCannotChangeAfterCreation() {
    assertThat(api.kubectl(manifest("pinned", "{regionId: cn-hangzhou, secretRef: {name: web}, resourceGroupId: rg-a}"), "apply", "-f", "-")
        .exitCode()).isZero();

    KubectlResult region = api.kubectl(manifest("pinned", "{regionId: cn-shanghai, secretRef: {name: web}, resourceGroupId: rg-a}"), "apply", "-f", "-");
    KubectlResult group = api.kubectl(manifest("pinned", "{regionId: cn-hangzhou, secretRef: {name: web}, resourceGroupId: rg-b}"), "apply", "-f", "-");
    KubectlResult groupRemoved = api.kubectl(manifest("pinned", "{regionId: cn-hangzhou, secretRef: {name: web}}"), "apply", "-f", "-");
    KubectlResult otherChange = api.kubectl(manifest("pinned", "{regionId: cn-hangzhou, secretRef: {name: web}, resourceGroupId: rg-a, "
        + "deletionPolicy: Retain}"), "apply", "-f", "-");

    assertThat(region.output()).contains("spec.regionId: Invalid value: \"string\": regionId is immutable");
    assertThat(group.output()).contains("spec: Invalid value: \"object\": resourceGroupId is immutable");
    assertThat(groupRemoved.output()).contains("resourceGroupId is immutable");
    assertThat(List.of(region.exitCode(), group.exitCode(), groupRemoved.exitCode())).allMatch(code -> code != 0);
    assertThat(otherChange.exitCode()).as(otherChange.output()).isZero();
    delete("pinned");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      another Secret                  | {regionId: cn-hangzhou, secretRef: {name: web}}                  | {regionId: cn-hangzhou, secretRef: {name: other}}
      secret to adoption              | {regionId: cn-hangzhou, secretRef: {name: web}}                  | {regionId: cn-hangzhou, serverCertificateId: 123_cn-hangzhou}
      adoption to secret              | {regionId: cn-hangzhou, serverCertificateId: 123_cn-hangzhou}    | {regionId: cn-hangzhou, secretRef: {name: web}}
      another adopted id              | {regionId: cn-hangzhou, serverCertificateId: 123_cn-hangzhou}    | {regionId: cn-hangzhou, serverCertificateId: 456_cn-hangzhou}
      another imported certificate    | {regionId: cn-hangzhou, aliCloudCertificate: {id: '9', name: a}} | {regionId: cn-hangzhou, aliCloudCertificate: {id: '10', name: a}}
      """)
  void theSourceCannotChangeAfterCreation(String description, String before, String after) {
    assertThat(api.kubectl(manifest("sourced", before), "apply", "-f", "-").exitCode()).isZero();

    KubectlResult changed = api.kubectl(manifest("sourced", after), "apply", "-f", "-");

    assertThat(changed.exitCode()).as(changed.output()).isNotZero();
    assertThat(changed.output()).contains("the source (secretRef, serverCertificateId, aliCloudCertificate) is immutable");
    api.kubectl("", "delete", "servercertificate", "sourced", "-n", NS, "--wait=true");
  }

  @Test
  void kubectlExplainDescribesTheResourceItsSpecAndTheirFields() {
    for (String path : List.of("servercertificate", "servercertificate.spec", "servercertificate.status", "servercertificate.spec.secretRef",
        "servercertificate.status.conditions")) {
      KubectlResult explained = api.kubectl("", "explain", path);

      assertThat(explained.exitCode()).as(explained.output()).isZero();
      assertThat(explained.output()).as(path).doesNotContain("<empty>").contains("DESCRIPTION");
    }
  }

  @Test
  void getPrintsTheDocumentedColumnsAndMoreWhenWide() {
    api.kubectl(manifest("columns", "{regionId: cn-hangzhou, secretRef: {name: web}}"), "apply", "-f", "-");

    String plain = api.kubectl("", "get", "slbcert", "columns", "-n", NS).output().lines().findFirst().orElseThrow();
    String wide = api.kubectl("", "get", "slbcert", "columns", "-n", NS, "-o", "wide").output().lines().findFirst().orElseThrow();

    assertThat(plain.split("\\s+")).containsExactly("NAME", "READY", "REASON", "SECRET", "CERTIFICATE-ID", "NOT-AFTER", "AGE");
    assertThat(wide.split("\\s+")).containsExactly("NAME", "READY", "REASON", "SECRET", "CERTIFICATE-ID", "NOT-AFTER", "AGE", "REGION",
        "FINGERPRINT", "MESSAGE");
    String row = api.kubectl("", "get", "slbcert", "columns", "-n", NS).output().lines().skip(1).findFirst().orElseThrow();
    assertThat(row.split("\\s+")).as("the source Secret's name in its column").contains("web");
    delete("columns");
  }

  private static void delete(String name) {
    api.kubectl("", "delete", "servercertificate", name, "-n", NS, "--wait=false");
  }

  private static String manifest(String name, String spec) {
    return "apiVersion: slbcert.dev/v1alpha1\nkind: ServerCertificate\nmetadata:\n  name: " + name + "\n  namespace: " + NS + "\nspec: " + spec + "\n";
  }
}
