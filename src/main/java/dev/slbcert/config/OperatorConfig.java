package dev.slbcert.config;

import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything the operator is told at start-up, read once from the environment and checked; a
 * bad value fails with a message that names the setting.
 */
public record OperatorConfig(SlbClientSettings slb, Set<String> watchNamespaces, ReconcilerSettings reconciler) {
  public static final String SLB_ENDPOINT = "SLBCERT_SLB_ENDPOINT";
  public static final String WATCH_NAMESPACES = "SLBCERT_WATCH_NAMESPACES";
  public static final String RESYNC_INTERVAL = "SLBCERT_RESYNC_INTERVAL";
  public static final String SLB_QPS = "SLBCERT_SLB_QPS";
  public static final String DELETE_RETRY_MAX = "SLBCERT_DELETE_RETRY_MAX";

  public static OperatorConfig fromEnvironment(Map<String, String> env) throws ConfigException {
    SlbCredentials credentials = SlbCredentials.fromEnvironment(env);
    SlbClientSettings slb = SlbClientSettings.of(endpoint(env.get(SLB_ENDPOINT)), credentials).withQps(qps(env.get(SLB_QPS)));
    ReconcilerSettings defaults = ReconcilerSettings.defaults();
    Duration resync = positive(RESYNC_INTERVAL, env.get(RESYNC_INTERVAL), defaults.resyncInterval());
    Duration retryMax = positive(DELETE_RETRY_MAX, env.get(DELETE_RETRY_MAX), defaults.retryMax());
    Duration retryFirst = retryMax.compareTo(defaults.retryFirst()) < 0 ? retryMax : defaults.retryFirst();
    return new OperatorConfig(slb, namespaces(env.get(WATCH_NAMESPACES)),
        new ReconcilerSettings(resync, retryFirst, retryMax, defaults.referenceCacheAge(), defaults.uploadSettleTime()));
  }

  private static URI endpoint(String value) throws ConfigException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(value.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(SLB_ENDPOINT + "=" + value + " must be an http:// or https:// URL with a host, like http://127.0.0.1:8089");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(SLB_ENDPOINT + "=" + value + " is not a URL: " + e.getReason());
    }
  }

  private static double qps(String value) throws ConfigException {
    if (value == null || value.isBlank()) {
      return SlbClientSettings.DEFAULT_QPS;
    }
    try {
      double qps = Double.parseDouble(value.trim());
      if (qps <= 0 || Double.isNaN(qps) || Double.isInfinite(qps)) {
        throw new ConfigException(SLB_QPS + "=" + value + " must be a positive number of calls per second");
      }
      return qps;
    } catch (NumberFormatException e) {
      throw new ConfigException(SLB_QPS + "=" + value + " is not a number");
    }
  }

  private static Duration positive(String setting, String value, Duration fallback) throws ConfigException {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    Duration d = DurationParser.parse(setting, value);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(setting + "=" + value + " must be longer than zero");
    }
    return d;
  }

  private static Set<String> namespaces(String value) throws ConfigException {
    Set<String> namespaces = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return namespaces;
    }
    for (String ns : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
      if (!ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        throw new ConfigException(WATCH_NAMESPACES + ": '" + ns + "' is not a valid namespace name");
      }
      namespaces.add(ns);
    }
    return namespaces;
  }
}
