package dev.slbcert.config;

import dev.slbcert.ownership.AdoptionPermission;
import dev.slbcert.ownership.RetainLimit;
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
public record OperatorConfig(
    SlbClientSettings slb,
    Set<String> watchNamespaces,
    ReconcilerSettings reconciler,
    LeaderElectionSettings leaderElection,
    int httpPort,
    MetricsSettings metrics,
    LogFormat logFormat,
    boolean serviceBinding) {

  /** Log line format. */
  public enum LogFormat { TEXT, JSON }

  /**
   * @param enabled whether to elect a leader on a Lease
   * @param leaseName name of the Lease
   * @param leaseNamespace namespace of the Lease
   * @param identity this replica's name in the Lease
   */
  public record LeaderElectionSettings(boolean enabled, String leaseName, String leaseNamespace, String identity) {}

  /**
   * @param port port of {@code /metrics} (0: any free port)
   * @param secure HTTPS, and only bearer tokens the API server authenticates and authorizes for
   *     {@code get /metrics}; false: plain HTTP for anyone who reaches the port
   */
  public record MetricsSettings(int port, boolean secure) {}

  public static final String SLB_ENDPOINT = "SLBCERT_SLB_ENDPOINT";
  public static final String SLB_ENDPOINTS = "SLBCERT_SLB_ENDPOINTS";
  public static final String SLB_ENDPOINT_TEMPLATE = "SLBCERT_SLB_ENDPOINT_TEMPLATE";
  public static final String NETWORK = "SLBCERT_NETWORK";
  public static final String STS_REGION = "SLBCERT_STS_REGION";
  public static final String WATCH_NAMESPACES = "SLBCERT_WATCH_NAMESPACES";
  public static final String RESYNC_INTERVAL = "SLBCERT_RESYNC_INTERVAL";
  public static final String SLB_QPS = "SLBCERT_SLB_QPS";
  public static final String DELETE_RETRY_MAX = "SLBCERT_DELETE_RETRY_MAX";
  public static final String LEADER_ELECTION = "SLBCERT_LEADER_ELECTION";
  public static final String LEASE_NAME = "SLBCERT_LEASE_NAME";
  public static final String LEASE_NAMESPACE = "SLBCERT_LEASE_NAMESPACE";
  public static final String HTTP_PORT = "SLBCERT_HTTP_PORT";
  public static final String METRICS_PORT = "SLBCERT_METRICS_PORT";
  public static final String METRICS_SECURE = "SLBCERT_METRICS_SECURE";
  public static final String LOG_FORMAT = "SLBCERT_LOG_FORMAT";
  public static final String SERVICE_BINDING = "SLBCERT_SERVICE_BINDING";
  public static final String EXPIRY_WARNING = "SLBCERT_EXPIRY_WARNING";
  public static final String CLUSTER_ID = "SLBCERT_CLUSTER_ID";
  public static final String ADOPTION_NAMESPACES = "SLBCERT_ADOPTION_NAMESPACES";
  public static final String ADOPTION_LABEL = "SLBCERT_ADOPTION_LABEL";
  public static final String CLUSTER_REGION = "SLBCERT_CLUSTER_REGION";
  public static final String RETAIN_LIMIT = "SLBCERT_RETAIN_LIMIT";
  public static final String NAME_PREFIX = "SLBCERT_NAME_PREFIX";
  public static final String DEFAULT_LEASE_NAME = "slb-certificate-operator";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_METRICS_PORT = 8443;

  public static OperatorConfig fromEnvironment(Map<String, String> env) throws ConfigException {
    SlbCredentials credentials = CredentialsFromEnvironment.read(env);
    SlbClientSettings slb = SlbClientSettings.of(SlbEndpointSettings.from(env), credentials).withQps(qps(env.get(SLB_QPS)));
    ReconcilerSettings defaults = ReconcilerSettings.defaults();
    Duration resync = positive(RESYNC_INTERVAL, env.get(RESYNC_INTERVAL), defaults.resyncInterval());
    Duration retryMax = positive(DELETE_RETRY_MAX, env.get(DELETE_RETRY_MAX), defaults.retryMax());
    Duration retryFirst = retryMax.compareTo(defaults.retryFirst()) < 0 ? retryMax : defaults.retryFirst();
    int httpPort = port(HTTP_PORT, env.get(HTTP_PORT), DEFAULT_HTTP_PORT);
    return new OperatorConfig(slb, namespaces(env.get(WATCH_NAMESPACES)),
        new ReconcilerSettings(resync, retryFirst, retryMax, defaults.referenceCacheAge(), defaults.uploadSettleTime(),
            positive(EXPIRY_WARNING, env.get(EXPIRY_WARNING), defaults.expiryWarning()), trimmed(env.get(CLUSTER_ID)),
            adoptionNamespaces(env.get(ADOPTION_NAMESPACES)), trimmed(env.get(CLUSTER_REGION)),
            blank(env.get(ADOPTION_LABEL)) || bool(ADOPTION_LABEL, env.get(ADOPTION_LABEL)), retainLimit(env.get(RETAIN_LIMIT)),
            namePrefix(env)),
        leaderElection(env), httpPort, metrics(env, httpPort), logFormat(env.get(LOG_FORMAT)),
        blank(env.get(SERVICE_BINDING)) || bool(SERVICE_BINDING, env.get(SERVICE_BINDING)));
  }

  /** Null when unset (the prefix is then derived from the cluster's id), empty for none. */
  private static String namePrefix(Map<String, String> env) throws ConfigException {
    if (!env.containsKey(NAME_PREFIX)) {
      return null;
    }
    String prefix = env.get(NAME_PREFIX).trim();
    if (!prefix.isEmpty() && !prefix.matches("[A-Za-z][A-Za-z0-9._-]{0,39}")) {
      throw new ConfigException(NAME_PREFIX + "=" + prefix + " is not a name prefix: up to 40 letters, digits, '.', '_' and '-', starting"
          + " with a letter (empty: default names without a prefix)");
    }
    return prefix;
  }

  private static MetricsSettings metrics(Map<String, String> env, int httpPort) throws ConfigException {
    int port = port(METRICS_PORT, env.get(METRICS_PORT), DEFAULT_METRICS_PORT);
    if (port != 0 && port == httpPort) {
      throw new ConfigException(METRICS_PORT + "=" + port + " is also " + HTTP_PORT + ": the probes and the metrics need a port each");
    }
    return new MetricsSettings(port, blank(env.get(METRICS_SECURE)) || bool(METRICS_SECURE, env.get(METRICS_SECURE)));
  }

  private static LeaderElectionSettings leaderElection(Map<String, String> env) throws ConfigException {
    boolean enabled = bool(LEADER_ELECTION, env.get(LEADER_ELECTION));
    String name = blank(env.get(LEASE_NAME)) ? DEFAULT_LEASE_NAME : env.get(LEASE_NAME).trim();
    String namespace = !blank(env.get(LEASE_NAMESPACE)) ? env.get(LEASE_NAMESPACE).trim() : env.get("POD_NAMESPACE");
    if (enabled && blank(namespace)) {
      throw new ConfigException(LEADER_ELECTION + "=true needs the Lease's namespace: set " + LEASE_NAMESPACE + " (or POD_NAMESPACE)");
    }
    String identity = !blank(env.get("POD_NAME")) ? env.get("POD_NAME") : !blank(env.get("HOSTNAME")) ? env.get("HOSTNAME")
        : "slb-certificate-operator-" + java.util.UUID.randomUUID();
    return new LeaderElectionSettings(enabled, name, namespace, identity);
  }

  private static boolean bool(String setting, String value) throws ConfigException {
    if (blank(value)) {
      return false;
    }
    return switch (value.trim().toLowerCase()) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(setting + "=" + value + " must be true or false");
    };
  }

  private static int retainLimit(String value) throws ConfigException {
    if (blank(value)) {
      return RetainLimit.DEFAULT;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new ConfigException(RETAIN_LIMIT + "=" + value + " must be a whole number, 0 or more (0: deletionPolicy Retain never leaves a certificate)");
  }

  private static int port(String setting, String value, int byDefault) throws ConfigException {
    if (blank(value)) {
      return byDefault;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new ConfigException(setting + "=" + value + " must be a port number between 0 and 65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException(setting + "=" + value + " is not a port number");
    }
  }

  private static LogFormat logFormat(String value) throws ConfigException {
    if (blank(value)) {
      return LogFormat.TEXT;
    }
    return switch (value.trim().toLowerCase()) {
      case "text" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default -> throw new ConfigException(LOG_FORMAT + "=" + value + " must be text or json");
    };
  }

  /** The value without surrounding blanks, or null when it is not set or blank. */
  static String trimmed(String value) {
    return blank(value) ? null : value.trim();
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** An http(s) URL with a host, or null when not set; {@code setting} names it in a refusal. */
  static URI endpoint(String value) throws ConfigException {
    return endpoint(SLB_ENDPOINT, value);
  }

  static URI endpoint(String setting, String value) throws ConfigException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (!value.contains("://")) {
        throw new ConfigException(setting + "=" + value + " has no scheme; write it like http://" + value.trim());
      }
      URI uri = new URI(value.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(setting + "=" + value + " must be an http:// or https:// URL with a host, like http://127.0.0.1:8089");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(setting + "=" + value + " is not a URL (" + e.getReason() + "); write it like http://127.0.0.1:8089");
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
    return namespaceList(WATCH_NAMESPACES, value);
  }

  /** Namespaces that may adopt and import without the label: a list, or "*" alone for all. */
  private static Set<String> adoptionNamespaces(String value) throws ConfigException {
    if (value != null && value.trim().equals(AdoptionPermission.ALL)) {
      return Set.of(AdoptionPermission.ALL);
    }
    return namespaceList(ADOPTION_NAMESPACES, value);
  }

  private static Set<String> namespaceList(String setting, String value) throws ConfigException {
    Set<String> namespaces = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return namespaces;
    }
    for (String ns : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
      if (!ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        throw new ConfigException(setting + ": '" + ns + "' is not a valid namespace name" + (ADOPTION_NAMESPACES.equals(setting)
            ? " (write * alone for all namespaces)" : ""));
      }
      namespaces.add(ns);
    }
    return namespaces;
  }
}
