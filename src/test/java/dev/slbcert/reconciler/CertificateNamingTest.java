package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.slb.SlbRules;
import dev.slbcert.support.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateNamingTest {

  @ParameterizedTest(name = "prefix {0}, cluster {1}: {2}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      -        | -                                    | shop.shop-tls
      -        | 3f2a9c1e-7b4d-4c7e-9a51-0d2c6e8f1a2b | k8s-3f2a9c1e.shop.shop-tls
      -        | c5b5e80b0b64a4bf6939d2d8fbbc5bcdf    | k8s-c5b5e80b.shop.shop-tls
      -        | AB                                   | k8s-ab.shop.shop-tls
      ''       | 3f2a9c1e-7b4d-4c7e-9a51-0d2c6e8f1a2b | shop.shop-tls
      prod-hz  | 3f2a9c1e-7b4d-4c7e-9a51-0d2c6e8f1a2b | prod-hz.shop.shop-tls
      prod-hz  | -                                    | prod-hz.shop.shop-tls
      """)
  void theDefaultNameStartsWithTheClustersPrefix(String configuredPrefix, String clusterId, String expected) {
    var resource = TestResources.serverCertificate("shop", "shop-tls", "shop-tls");

    assertThat(new CertificateNaming(configuredPrefix, clusterId).name(resource)).isEqualTo(expected);
  }

  @Test
  void theNameInTheSpecIsUsedAsItIs() {
    var resource = TestResources.serverCertificate("shop", "shop-tls", "shop-tls");
    resource.getSpec().setCertificateName("shop-2026");

    assertThat(new CertificateNaming("prod-hz", "3f2a9c1e").name(resource)).isEqualTo("shop-2026");
  }

  @Test
  void defaultNameStartsWithALetterAndFitsEightyCharacters() {
    String name = CertificateNaming.defaultName("", "1-team", "x".repeat(200));

    assertThat(name).startsWith("k8s-1-team.");
    assertThat(name).hasSizeLessThanOrEqualTo(80);
    assertThat(SlbRules.isValidCertificateName(name)).isTrue();
    assertThat(CertificateNaming.defaultName("", "1-team", "x".repeat(199))).isNotEqualTo(name);
    assertThat(CertificateNaming.defaultName("prod-hz", "1-team", "x".repeat(200))).startsWith("prod-hz.1-team.").hasSize(80)
        .isNotEqualTo(name);
  }

  @Test
  void aLongNameWithoutPrefixEndsWithTheHashOfNamespaceSlashName() {
    assertThat(CertificateNaming.defaultName("", "team", "x".repeat(100))).endsWith("-e0fc4f0e");
  }
}
