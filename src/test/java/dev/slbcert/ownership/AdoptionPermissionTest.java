package dev.slbcert.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdoptionPermissionTest {
  @ParameterizedTest(name = "{0}: label {1}, setting [{2}] -> {3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      shop | allowed | -         | true
      shop | yes     | -         | false
      shop | -       | -         | false
      shop | -       | shop,web  | true
      shop | -       | web       | false
      shop | -       | *         | true
      shop | denied  | *         | true
      """)
  void aNamespaceMayAdoptWhenLabelledOrNamedInTheSetting(String namespace, String label, String configured, boolean expected) {
    Map<String, String> labels = label == null ? Map.of() : Map.of(AdoptionPermission.LABEL, label);
    Set<String> setting = configured == null ? Set.of() : Arrays.stream(configured.split(",")).collect(Collectors.toSet());

    assertThat(AdoptionPermission.allowed(namespace, labels, setting)).isEqualTo(expected);
  }
}
