package dev.slbcert.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterRegionTest {
  @ParameterizedTest(name = "label {0}, provider id {1}: {2}")
  @CsvSource(nullValues = "-", textBlock = """
      cn-beijing, cn-hangzhou.i-123, cn-beijing
      -,          cn-hangzhou.i-123, cn-hangzhou
      -,          kind://docker/kind/node, -
      -,          -, -
      """)
  void aNodeSaysTheRegionByItsLabelElseByItsProviderId(String label, String providerId, String expected) {
    var node = new NodeBuilder().withNewMetadata().withName("n").endMetadata().withNewSpec().withProviderID(providerId).endSpec();
    if (label != null) {
      node.editMetadata().addToLabels(ClusterRegion.REGION_LABEL, label).endMetadata();
    }

    assertThat(ClusterRegion.of(node.build())).isEqualTo(expected);
  }
}
