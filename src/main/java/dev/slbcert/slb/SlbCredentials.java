package dev.slbcert.slb;

/**
 * Which credentials sign SLB calls ({@link dev.slbcert.config.CredentialsFromEnvironment} chooses
 * them from the environment). {@code toString()} never shows a secret.
 */
public sealed interface SlbCredentials {
  String ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
  String ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
  String SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";
  String ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN";
  String OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
  String OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
  String ROLE_SESSION_NAME = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
  String ECS_RAM_ROLE = "ALIBABA_CLOUD_ECS_METADATA";

  /** What kind of credentials these are, for the start-up log: never a secret. */
  default String describe() {
    if (this instanceof StaticKeys k) {
      return (k.securityToken() == null ? "AccessKey " : "STS token of AccessKey ") + k.accessKeyId();
    }
    if (this instanceof Oidc o) {
      return "RRSA, role " + o.roleArn();
    }
    return "ECS RAM role " + ((EcsRamRole) this).roleName();
  }

  /** An AccessKey pair, with an STS token when the pair is temporary. */
  record StaticKeys(String accessKeyId, String accessKeySecret, String securityToken) implements SlbCredentials {
    @Override
    public String toString() {
      return "StaticKeys[accessKeyId=" + accessKeyId + (securityToken == null ? "" : ", with STS token") + "]";
    }
  }

  /** RRSA on ACK: a RAM role assumed with the pod's OIDC token. */
  record Oidc(String roleArn, String oidcProviderArn, String oidcTokenFile, String roleSessionName) implements SlbCredentials {}

  /** The RAM role attached to the ECS instance, read from the instance metadata service. */
  record EcsRamRole(String roleName) implements SlbCredentials {}
}
