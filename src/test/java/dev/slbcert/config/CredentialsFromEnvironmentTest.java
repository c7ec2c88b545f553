package dev.slbcert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slbcert.slb.SlbCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsFromEnvironmentTest {

  @Test
  void accessKeyPairWithOptionalStsToken() throws Exception {
    assertThat(CredentialsFromEnvironment.read(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s")))
        .isEqualTo(new SlbCredentials.StaticKeys("id", "s", null));
    assertThat(CredentialsFromEnvironment.read(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s", "ALIBABA_CLOUD_SECURITY_TOKEN", "t")))
        .isEqualTo(new SlbCredentials.StaticKeys("id", "s", "t"));
  }

  @Test
  void rrsaNeedsRoleProviderAndTokenFile() throws Exception {
    SlbCredentials credentials = CredentialsFromEnvironment.read(Map.of(
        "ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p",
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/secrets/tokens/oidc-token"));

    assertThat(credentials).isEqualTo(new SlbCredentials.Oidc("acs:ram::1:role/r", "acs:ram::1:oidc-provider/p",
        "/var/run/secrets/tokens/oidc-token", "slb-certificate-operator"));
  }

  @Test
  void ecsRamRoleByName() throws Exception {
    assertThat(CredentialsFromEnvironment.read(Map.of("ALIBABA_CLOUD_ECS_METADATA", "slb-role"))).isEqualTo(new SlbCredentials.EcsRamRole("slb-role"));
  }

  @Test
  void nothingSetSaysWhatToSet() {
    assertThatThrownBy(() -> CredentialsFromEnvironment.read(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .hasMessageContaining("ALIBABA_CLOUD_OIDC_TOKEN_FILE")
        .hasMessageContaining("ALIBABA_CLOUD_ECS_METADATA");
  }

  @Test
  void halfAPairNamesTheMissingVariable() {
    assertThatThrownBy(() -> CredentialsFromEnvironment.read(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")))
        .isInstanceOf(ConfigException.class).hasMessage("AccessKey credentials are incomplete: also set ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    assertThatThrownBy(() -> CredentialsFromEnvironment.read(Map.of("ALIBABA_CLOUD_ROLE_ARN", "r")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE");
  }

  @Test
  void twoKindsAtOnceAreRefused() {
    assertThatThrownBy(() -> CredentialsFromEnvironment.read(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s",
        "ALIBABA_CLOUD_ROLE_ARN", "r")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ambiguous").hasMessageContaining("AccessKey, RRSA");
  }

  @Test
  void toStringNeverShowsTheSecretOrToken() {
    String text = new SlbCredentials.StaticKeys("id", "the-secret", "the-token").toString();

    assertThat(text).contains("id").doesNotContain("the-secret").doesNotContain("the-token");
  }
}
