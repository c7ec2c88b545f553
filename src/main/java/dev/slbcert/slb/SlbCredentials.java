package dev.slbcert.slb;

import dev.slbcert.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which credentials sign SLB calls. Chosen from the environment by which variables are set; a
 * mix or a half-set group is an error that says what to set. {@code toString()} never shows a
 * secret.
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

  static SlbCredentials fromEnvironment(Map<String, String> env) throws ConfigException {
    boolean keys = isSet(env, ACCESS_KEY_ID) || isSet(env, ACCESS_KEY_SECRET);
    boolean oidc = isSet(env, ROLE_ARN) || isSet(env, OIDC_PROVIDER_ARN) || isSet(env, OIDC_TOKEN_FILE);
    boolean ecs = isSet(env, ECS_RAM_ROLE);
    int modes = (keys ? 1 : 0) + (oidc ? 1 : 0) + (ecs ? 1 : 0);
    if (modes == 0) {
      throw new ConfigException("no SLB credentials configured: set " + ACCESS_KEY_ID + " and " + ACCESS_KEY_SECRET
          + " (AccessKey), or " + ROLE_ARN + ", " + OIDC_PROVIDER_ARN + " and " + OIDC_TOKEN_FILE
          + " (RRSA), or " + ECS_RAM_ROLE + "=<role name> (ECS RAM role)");
    }
    if (modes > 1) {
      throw new ConfigException("SLB credentials are ambiguous: variables of more than one kind are set ("
          + String.join(", ", setGroups(keys, oidc, ecs)) + "); keep one kind");
    }
    if (keys) {
      requireAll(env, "AccessKey credentials", ACCESS_KEY_ID, ACCESS_KEY_SECRET);
      return new StaticKeys(env.get(ACCESS_KEY_ID), env.get(ACCESS_KEY_SECRET), blankToNull(env.get(SECURITY_TOKEN)));
    }
    if (oidc) {
      requireAll(env, "RRSA (OIDC) credentials", ROLE_ARN, OIDC_PROVIDER_ARN, OIDC_TOKEN_FILE);
      String session = isSet(env, ROLE_SESSION_NAME) ? env.get(ROLE_SESSION_NAME) : "slb-certificate-operator";
      return new Oidc(env.get(ROLE_ARN), env.get(OIDC_PROVIDER_ARN), env.get(OIDC_TOKEN_FILE), session);
    }
    return new EcsRamRole(env.get(ECS_RAM_ROLE));
  }

  private static List<String> setGroups(boolean keys, boolean oidc, boolean ecs) {
    List<String> groups = new ArrayList<>();
    if (keys) {
      groups.add("AccessKey");
    }
    if (oidc) {
      groups.add("RRSA");
    }
    if (ecs) {
      groups.add("ECS RAM role");
    }
    return groups;
  }

  private static void requireAll(Map<String, String> env, String what, String... names) throws ConfigException {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!isSet(env, name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new ConfigException(what + " are incomplete: also set " + String.join(" and ", missing));
    }
  }

  private static boolean isSet(Map<String, String> env, String name) {
    return blankToNull(env.get(name)) != null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
