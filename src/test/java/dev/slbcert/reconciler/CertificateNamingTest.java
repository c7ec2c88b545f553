package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.slb.SlbRules;
import org.junit.jupiter.api.Test;

class CertificateNamingTest {

  @Test
  void defaultNameJoinsNamespaceAndName() {
    assertThat(CertificateNaming.defaultName("shop", "shop-tls")).isEqualTo("shop.shop-tls");
  }

  @Test
  void defaultNameStartsWithALetterAndFitsEightyCharacters() {
    String name = CertificateNaming.defaultName("1-team", "x".repeat(200));

    assertThat(name).startsWith("k8s-1-team.");
    assertThat(name).hasSizeLessThanOrEqualTo(80);
    assertThat(SlbRules.isValidCertificateName(name)).isTrue();
    assertThat(CertificateNaming.defaultName("1-team", "x".repeat(199))).isNotEqualTo(name);
  }
}
