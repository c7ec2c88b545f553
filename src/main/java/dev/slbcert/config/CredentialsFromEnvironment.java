package dev.slbcert.config;

import dev.slbcert.slb.SlbCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the SLB credentials from the environment by which variables are set; a mix or a
 * half-set group is an error that says what to set.
 */
public final class CredentialsFromEnvironment {
  private CredentialsFromEnvironment() {}

  public static SlbCredentials read(Map<String, String> env) throws ConfigException {
    boolean keys = isSet(env, SlbCredentials.ACCESS_KEY_ID) || isSet(env, SlbCredentials.ACCESS_KEY_SECRET);
    boolean oidc = isSet(env, SlbCredentials.ROLE_ARN) || isSet(env, SlbCredentials.OIDC_PROVIDER_ARN) || isSet(env, SlbCredentials.OIDC_TOKEN_FILE);
    boolean ecs = isSet(env, SlbCredentials.ECS_RAM_ROLE);
    int modes = (keys ? 1 : 0) + (oidc ? 1 : 0) + (ecs ? 1 : 0);
    if (modes == 0) {
      throw new ConfigException("no SLB credentials configured: set " + SlbCredentials.ACCESS_KEY_ID + " and " + SlbCredentials.ACCESS_KEY_SECRET
          + " (AccessKey), or " + SlbCredentials.ROLE_ARN + ", " + SlbCredentials.OIDC_PROVIDER_ARN + " and " + SlbCredentials.OIDC_TOKEN_FILE
          + " (RRSA), or " + SlbCredentials.ECS_RAM_ROLE + "=<role name> (ECS RAM role)");
    }
    if (modes > 1) {
      throw new ConfigException("SLB credentials are ambiguous: variables of more than one kind are set ("
          + String.join(", ", setGroups(keys, oidc, ecs)) + "); keep one kind");
    }
    if (keys) {
      requireAll(env, "AccessKey credentials", SlbCredentials.ACCESS_KEY_ID, SlbCredentials.ACCESS_KEY_SECRET);
      return new SlbCredentials.StaticKeys(env.get(SlbCredentials.ACCESS_KEY_ID), env.get(SlbCredentials.ACCESS_KEY_SECRET), blankToNull(env.get(SlbCredentials.SECURITY_TOKEN)));
    }
    if (oidc) {
      requireAll(env, "RRSA (OIDC) credentials", SlbCredentials.ROLE_ARN, SlbCredentials.OIDC_PROVIDER_ARN, SlbCredentials.OIDC_TOKEN_FILE);
      String session = isSet(env, SlbCredentials.ROLE_SESSION_NAME) ? env.get(SlbCredentials.ROLE_SESSION_NAME) : "slb-certificate-operator";
      return new SlbCredentials.Oidc(env.get(SlbCredentials.ROLE_ARN), env.get(SlbCredentials.OIDC_PROVIDER_ARN), env.get(SlbCredentials.OIDC_TOKEN_FILE), session);
    }
    return new SlbCredentials.EcsRamRole(env.get(SlbCredentials.ECS_RAM_ROLE));
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
