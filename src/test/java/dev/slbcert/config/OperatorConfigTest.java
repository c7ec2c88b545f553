package dev.slbcert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {
  private final Map<String, String> env = new HashMap<>(Map.of(
      "ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret"));

  @Test
  void defaultsWithOnlyCredentials() throws Exception {
    OperatorConfig config = OperatorConfig.fromEnvironment(env);

    assertThat(config.slb().endpoints().fixed()).isNull();
    assertThat(config.slb().qps()).isEqualTo(10);
    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.reconciler().resyncInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.reconciler().retryMax()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.reconciler().adoptionByLabel()).as("the Namespace label opens adoption").isTrue();
  }

  @Test
  void theNamespaceLabelCanBeLeftUnhonoured() throws Exception {
    env.put("SLBCERT_ADOPTION_LABEL", "false");

    assertThat(OperatorConfig.fromEnvironment(env).reconciler().adoptionByLabel()).isFalse();
  }

  @Test
  void readsEverySetting() throws Exception {
    env.putAll(Map.of("SLBCERT_SLB_ENDPOINT", "http://127.0.0.1:8089", "SLBCERT_WATCH_NAMESPACES", "shop, web",
        "SLBCERT_RESYNC_INTERVAL", "30s", "SLBCERT_SLB_QPS", "2.5", "SLBCERT_DELETE_RETRY_MAX", "PT2M"));

    OperatorConfig config = OperatorConfig.fromEnvironment(env);

    assertThat(config.slb().endpoints().fixed()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    assertThat(config.watchNamespaces()).containsExactly("shop", "web");
    assertThat(config.reconciler().resyncInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.slb().qps()).isEqualTo(2.5);
    assertThat(config.reconciler().retryMax()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void readsLeaderElectionHttpPortAndLogFormat() throws Exception {
    env.putAll(Map.of("SLBCERT_LEADER_ELECTION", "true", "POD_NAMESPACE", "slbcert-system", "POD_NAME", "op-1",
        "SLBCERT_HTTP_PORT", "9090", "SLBCERT_LOG_FORMAT", "JSON"));

    OperatorConfig config = OperatorConfig.fromEnvironment(env);

    assertThat(config.leaderElection()).isEqualTo(new OperatorConfig.LeaderElectionSettings(true, "slb-certificate-operator", "slbcert-system", "op-1"));
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.metrics()).isEqualTo(new OperatorConfig.MetricsSettings(8443, true));
    assertThat(config.logFormat()).isEqualTo(OperatorConfig.LogFormat.JSON);
  }

  @Test
  void metricsHaveTheirOwnPortAndCanBeServedOpenForClustersThatProtectIt() throws Exception {
    env.putAll(Map.of("SLBCERT_METRICS_PORT", "9443", "SLBCERT_METRICS_SECURE", "false"));

    assertThat(OperatorConfig.fromEnvironment(env).metrics()).isEqualTo(new OperatorConfig.MetricsSettings(9443, false));
  }

  @Test
  void aNamespaceMayLeaveTenCertificatesWithRetainUnlessTheLimitIsSet() throws Exception {
    assertThat(OperatorConfig.fromEnvironment(env).reconciler().retainLimit()).isEqualTo(10);
    env.put("SLBCERT_RETAIN_LIMIT", "0");
    assertThat(OperatorConfig.fromEnvironment(env).reconciler().retainLimit()).isZero();
  }

  @Test
  void theNamePrefixIsDerivedFromTheClusterUnlessSetAndEmptyMeansNone() throws Exception {
    assertThat(OperatorConfig.fromEnvironment(env).reconciler().namePrefix()).as("unset: derived from the cluster's id").isNull();
    env.put("SLBCERT_NAME_PREFIX", "");
    assertThat(OperatorConfig.fromEnvironment(env).reconciler().namePrefix()).isEmpty();
    env.put("SLBCERT_NAME_PREFIX", " prod-hz ");
    assertThat(OperatorConfig.fromEnvironment(env).reconciler().namePrefix()).isEqualTo("prod-hz");
  }

  @Test
  void leaderElectionIsOffByDefaultAndTheLeaseNamespaceCanBeSet() throws Exception {
    assertThat(OperatorConfig.fromEnvironment(env).leaderElection().enabled()).isFalse();
    assertThat(OperatorConfig.fromEnvironment(env).httpPort()).isEqualTo(8080);
    assertThat(OperatorConfig.fromEnvironment(env).logFormat()).isEqualTo(OperatorConfig.LogFormat.TEXT);
    env.putAll(Map.of("SLBCERT_LEADER_ELECTION", "yes", "SLBCERT_LEASE_NAMESPACE", "ops", "SLBCERT_LEASE_NAME", "slb-lease"));
    assertThat(OperatorConfig.fromEnvironment(env).leaderElection()).extracting(l -> l.leaseNamespace() + "/" + l.leaseName()).isEqualTo("ops/slb-lease");
  }

  @Test
  void badValuesNameTheSetting() {
    assertRejected("SLBCERT_SLB_ENDPOINT", "ftp://x", "must be an http:// or https:// URL");
    assertRejected("SLBCERT_SLB_QPS", "fast", "is not a number");
    assertRejected("SLBCERT_SLB_QPS", "0", "positive");
    assertRejected("SLBCERT_RESYNC_INTERVAL", "soon", "is not a duration");
    assertRejected("SLBCERT_DELETE_RETRY_MAX", "0s", "longer than zero");
    assertRejected("SLBCERT_WATCH_NAMESPACES", "Shop", "not a valid namespace");
    assertRejected("SLBCERT_LEADER_ELECTION", "maybe", "true or false");
    assertRejected("SLBCERT_LEADER_ELECTION", "true", "SLBCERT_LEASE_NAMESPACE");
    assertRejected("SLBCERT_HTTP_PORT", "http", "not a port number");
    assertRejected("SLBCERT_HTTP_PORT", "70000", "between 0 and 65535");
    assertRejected("SLBCERT_METRICS_PORT", "-1", "between 0 and 65535");
    assertRejected("SLBCERT_METRICS_PORT", "8080", "SLBCERT_HTTP_PORT");
    assertRejected("SLBCERT_METRICS_SECURE", "tls", "true or false");
    assertRejected("SLBCERT_RETAIN_LIMIT", "-1", "0 or more");
    assertRejected("SLBCERT_RETAIN_LIMIT", "ten", "whole number");
    assertRejected("SLBCERT_LOG_FORMAT", "xml", "text or json");
    assertRejected("SLBCERT_NAME_PREFIX", "3-clusters", "starting with a letter");
    assertRejected("SLBCERT_NAME_PREFIX", "prod/hz", "letters, digits");
    assertRejected("SLBCERT_ADOPTION_LABEL", "off", "true or false");
  }

  private void assertRejected(String name, String value, String why) {
    Map<String, String> bad = new HashMap<>(env);
    bad.put(name, value);
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(bad)).isInstanceOf(ConfigException.class).hasMessageContaining(name).hasMessageContaining(why);
  }

  @org.junit.jupiter.api.Test
  void networkTemplateAndPerRegionEndpointsAreReadAndCheckedTogether() throws Exception {
    Map<String, String> keys = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret");
    java.util.function.Function<Map<String, String>, Map<String, String>> with = extra -> {
      Map<String, String> env = new java.util.HashMap<>(keys);
      env.putAll(extra);
      return env;
    };

    var vpc = OperatorConfig.fromEnvironment(with.apply(Map.of("SLBCERT_NETWORK", "vpc", "SLBCERT_STS_REGION", "cn-shanghai",
        "SLBCERT_SLB_ENDPOINTS", "cn-beijing=https://slb.beijing.internal"))).slb().endpoints();
    assertThat(vpc.endpointFor("cn-shanghai")).isEqualTo(URI.create("https://slb-vpc.cn-shanghai.aliyuncs.com"));
    assertThat(vpc.endpointFor("cn-beijing")).isEqualTo(URI.create("https://slb.beijing.internal"));
    assertThat(vpc.stsRegion()).isEqualTo("cn-shanghai");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorConfig.fromEnvironment(with.apply(Map.of("SLBCERT_NETWORK", "private"))))
        .hasMessageContaining("SLBCERT_NETWORK=private must be public or vpc");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorConfig.fromEnvironment(with.apply(Map.of("SLBCERT_SLB_ENDPOINT_TEMPLATE",
        "https://slb.internal")))).hasMessageContaining("has no {region}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorConfig.fromEnvironment(with.apply(Map.of("SLBCERT_SLB_ENDPOINT_TEMPLATE",
        "https://slb.{region}.internal", "SLBCERT_SLB_ENDPOINT", "http://127.0.0.1:8089")))).hasMessageContaining("not both");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OperatorConfig.fromEnvironment(with.apply(Map.of("SLBCERT_SLB_ENDPOINTS",
        "hangzhou=https://x")))).hasMessageContaining("is not region=URL");
  }
}
