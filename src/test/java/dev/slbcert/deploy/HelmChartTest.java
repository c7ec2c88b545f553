package dev.slbcert.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HelmChartTest {

  @Test
  void lintPassesStrictlyOnceTheImageRepositoryIsGiven() throws Exception {
    // helm lint reads only the chart's own values.yaml: lint a copy whose values give the image, as every installation must
    java.nio.file.Path copy = RenderedChart.copyWithValues(values -> values);

    var result = new Helm(copy).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void withoutAnImageRepositoryTheChartRefusesToRenderAndSaysWhatToSet() {
    assertThatThrownBy(() -> new Helm(RenderedChart.CHART).template().withName("slbcert").withNamespace("ops").call())
        .hasMessageContaining("image.repository is not set").hasMessageContaining("--set image.repository=");
  }

  @Test
  void rrsaNotesNameTheServiceAccountAndThePoliciesTheRoleNeeds() {
    String notes = new Helm(RenderedChart.CHART).install().withName("slbcert").withNamespace("ops").dryRun().clientOnly()
        .set("image.repository", RenderedChart.IMAGE).set("credentials.mode", "rrsa").set("credentials.rrsa.roleArn", "acs:ram::1234567890123456:role/slb")
        .set("credentials.rrsa.oidcProviderArn", "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1").call().getOutput();

    assertThat(notes).contains("system:serviceaccount:ops:slbcert-slb-certificate-operator").contains("acs:ram::1234567890123456:role/slb")
        .contains("ack-rrsa-c1").contains("deploy/ram/trust-policy.json").contains("deploy/ram/slb-policy.json");
  }

  @Test
  void chartCrdIsACopyOfTheGeneratedOne() throws Exception {
    assertThat(Files.readString(RenderedChart.CHART.resolve("crds/servercertificates.slbcert.dev-v1.yml")))
        .isEqualTo(Files.readString(Path.of("crds/servercertificates.slbcert.dev-v1.yml")));
  }

  @Test
  void defaultsRenderARestrictedDeploymentWithProbesAndSettings() {
    RenderedChart chart = RenderedChart.render(Map.of());
    Deployment deployment = chart.deployment();
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    var pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(operator.getImage()).isEqualTo(RenderedChart.IMAGE + ":0.1.0");
    assertThat(operator.getArgs()).as("the image's entrypoint runs the operator").isNullOrEmpty();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(operator.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactly("http:8080", "metrics:8443");
    assertThat(chart.kind("Service")).singleElement().satisfies(service -> assertThat(((io.fabric8.kubernetes.api.model.Service) service)
        .getSpec().getPorts()).as("the Service exposes the metrics, not the probes").extracting(p -> p.getName() + ":" + p.getPort())
        .containsExactly("metrics:8443"));
    assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(chart.kind("PodDisruptionBudget")).singleElement()
        .satisfies(pdb -> assertThat(((io.fabric8.kubernetes.api.model.GenericKubernetesResource) pdb).<Object>get("spec", "minAvailable"))
            .isEqualTo(1));
    assertThat(env(operator)).containsEntry("SLBCERT_LEADER_ELECTION", "true").containsEntry("SLBCERT_LEASE_NAMESPACE", RenderedChart.NAMESPACE)
        .containsEntry("SLBCERT_LOG_FORMAT", "json").containsEntry("SLBCERT_HTTP_PORT", "8080").containsKey("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .containsEntry("SLBCERT_METRICS_PORT", "8443").containsEntry("SLBCERT_METRICS_SECURE", "true").containsEntry("SLBCERT_RETAIN_LIMIT", "10")
        .doesNotContainKey("SLBCERT_WATCH_NAMESPACES");
    assertThat(operator.getEnv()).filteredOn(e -> e.getName().equals("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
        .singleElement().satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("slb-credentials"));
    assertThat(chart.kind("ClusterRole")).extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrder("slbcert-slb-certificate-operator", "slbcert-slb-certificate-operator-cluster-id",
            "slbcert-slb-certificate-operator-namespaces", "slbcert-slb-certificate-operator-cluster-region",
            "slbcert-slb-certificate-operator-metrics-reader", "slbcert-slb-certificate-operator-metrics-auth");
    assertThat(chart.kind("ClusterRoleBinding")).extracting(r -> r.getMetadata().getName())
        .as("nobody is bound to the metrics-reader role unless metrics.readers names them").doesNotContain("slbcert-slb-certificate-operator-metrics-reader");
    assertThat(chart.kind("ServiceMonitor")).isEmpty();
    assertThat(chart.kind("ServiceAccount")).hasSize(1);
  }

  @Test
  void rbacHasNoWildcardsAndPinsTheLease() {
    RenderedChart chart = RenderedChart.render(Map.of());

    for (var entry : chart.rules()) {
      PolicyRule rule = entry.getValue();
      assertThat(rule.getVerbs()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getApiGroups()).doesNotContain("*");
    }
    assertThat(chart.rules()).filteredOn(e -> e.getValue().getResources().contains("leases") && e.getValue().getVerbs().contains("patch"))
        .singleElement().satisfies(e -> {
          assertThat(e.getKey()).isEqualTo(RenderedChart.NAMESPACE);
          assertThat(e.getValue().getResourceNames()).containsExactly("slb-certificate-operator");
        });
    assertThat(chart.rules()).filteredOn(e -> e.getValue().getResources().contains("secrets"))
        .singleElement().satisfies(e -> assertThat(e.getValue().getVerbs()).containsExactlyInAnyOrder("get", "list", "watch"));
    assertThat(chart.rules()).anySatisfy(e -> assertThat(e.getValue().getResources()).contains("servercertificates/status"));
    assertThat(chart.rules()).anySatisfy(e -> assertThat(e.getValue().getResources()).contains("servercertificates/finalizers"));
  }

  @Test
  void servicesMayBeReadAndPatchedOnlyWhenServiceBindingIsOn() {
    var on = RenderedChart.render(Map.of()).rules().stream().filter(e -> e.getValue().getResources().contains("services")).toList();
    var off = RenderedChart.render(Map.of("serviceBinding.enabled", "false")).rules().stream()
        .filter(e -> e.getValue().getResources().contains("services")).toList();

    assertThat(on).singleElement().satisfies(e -> assertThat(e.getValue().getVerbs()).containsExactlyInAnyOrder("list", "watch", "patch"));
    assertThat(off).isEmpty();
    assertThat(RenderedChart.render(Map.of("serviceBinding.enabled", "false")).deployment().getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv()).anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("SLBCERT_SERVICE_BINDING");
          assertThat(v.getValue()).isEqualTo("false");
        });
  }

  @Test
  void theNetworkAndPerRegionEndpointsReachTheOperator() {
    RenderedChart chart = RenderedChart.render(Map.of("slb.network", "vpc", "slb.stsRegion", "cn-shanghai",
        "slb.endpoints.cn-hangzhou", "https://10.0.0.10", "slb.endpoints.cn-beijing", "https://10.1.0.10"));

    assertThat(env(chart.deployment().getSpec().getTemplate().getSpec().getContainers().get(0))).containsEntry("SLBCERT_NETWORK", "vpc")
        .containsEntry("SLBCERT_STS_REGION", "cn-shanghai")
        .containsEntry("SLBCERT_SLB_ENDPOINTS", "cn-beijing=https://10.1.0.10,cn-hangzhou=https://10.0.0.10");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("slb.network", "private"))).hasMessageContaining("network");
  }

  @Test
  void adoptionNamespacesReachTheOperatorAndAllOpenNeedsNoNamespaceReading() {
    RenderedChart listed = RenderedChart.render(Map.of("adoption.namespaces[0]", "shop", "adoption.namespaces[1]", "web"));
    RenderedChart all = RenderedChart.render(Map.of("adoption.namespaces[0]", "*"));

    assertThat(env(listed.deployment().getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("SLBCERT_ADOPTION_NAMESPACES", "shop,web");
    assertThat(listed.rules()).filteredOn(e -> e.getValue().getResources().contains("namespaces") && e.getValue().getResourceNames().isEmpty())
        .as("labels of any namespace may be read and watched").singleElement()
        .satisfies(e -> assertThat(e.getValue().getVerbs()).containsExactly("get", "list", "watch"));
    assertThat(env(all.deployment().getSpec().getTemplate().getSpec().getContainers().get(0))).containsEntry("SLBCERT_ADOPTION_NAMESPACES", "*");
    assertThat(all.kind("ClusterRole")).extracting(r -> r.getMetadata().getName()).doesNotContain("slbcert-slb-certificate-operator-namespaces");
  }

  @Test
  void theNamePrefixReachesTheOperatorOnlyWhenSetAndAnEmptyOneMeansNone() {
    Container unset = RenderedChart.render(Map.of()).deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    Container none = RenderedChart.render(Map.of("certificateNamePrefix", "")).deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    Container set = RenderedChart.render(Map.of("certificateNamePrefix", "prod-hz")).deployment().getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(env(unset)).as("derived from the cluster's id by the operator").doesNotContainKey("SLBCERT_NAME_PREFIX");
    assertThat(env(none)).containsEntry("SLBCERT_NAME_PREFIX", "");
    assertThat(env(set)).containsEntry("SLBCERT_NAME_PREFIX", "prod-hz");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("certificateNamePrefix", "prod/hz"))).hasMessageContaining("certificateNamePrefix");
  }

  @Test
  void withTheNamespaceLabelIgnoredTheOperatorIsToldSoAndReadsNoNamespace() {
    RenderedChart ignored = RenderedChart.render(Map.of("adoption.namespaceLabel", "false", "adoption.namespaces[0]", "shop"));
    RenderedChart honoured = RenderedChart.render(Map.of());

    assertThat(env(ignored.deployment().getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("SLBCERT_ADOPTION_LABEL", "false").containsEntry("SLBCERT_ADOPTION_NAMESPACES", "shop");
    assertThat(ignored.kind("ClusterRole")).extracting(r -> r.getMetadata().getName()).doesNotContain("slbcert-slb-certificate-operator-namespaces");
    assertThat(env(honoured.deployment().getSpec().getTemplate().getSpec().getContainers().get(0))).doesNotContainKey("SLBCERT_ADOPTION_LABEL");
    assertThat(honoured.kind("ClusterRole")).extracting(r -> r.getMetadata().getName()).contains("slbcert-slb-certificate-operator-namespaces");
  }

  @Test
  void namespacesRrsaAndServiceMonitorRenderRolesTokenAndMonitor() {
    RenderedChart chart = RenderedChart.render(Map.of(
        "watchNamespaces[0]", "shop", "watchNamespaces[1]", "web",
        "credentials.mode", "rrsa",
        "credentials.rrsa.roleArn", "acs:ram::1234567890123456:role/slb",
        "credentials.rrsa.oidcProviderArn", "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1",
        "serviceMonitor.enabled", "true",
        "leaderElection.enabled", "false",
        "replicaCount", "1",
        "image.repository", "registry.example.com/ops/slb-certificate-operator",
        "image.tag", "1.2.3"));
    Container operator = chart.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(chart.kind("ClusterRole")).as("only those that read namespace kube-system for the cluster's id, the watched namespaces' labels,"
        + " and the metrics' access").extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrder("slbcert-slb-certificate-operator-cluster-id", "slbcert-slb-certificate-operator-namespaces",
            "slbcert-slb-certificate-operator-cluster-region", "slbcert-slb-certificate-operator-metrics-reader",
            "slbcert-slb-certificate-operator-metrics-auth");
    assertThat(chart.rules()).filteredOn(e -> e.getValue().getResources().contains("namespaces") && e.getValue().getResourceNames().contains("shop"))
        .singleElement().satisfies(e -> assertThat(e.getValue().getResourceNames()).containsExactlyInAnyOrder("shop", "web"));
    assertThat(chart.kind("Role")).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("shop", "web");
    assertThat(chart.kind("RoleBinding")).hasSize(2);
    assertThat(chart.kind("ServiceMonitor")).hasSize(1);
    assertThat(env(operator)).containsEntry("SLBCERT_WATCH_NAMESPACES", "shop,web").containsEntry("SLBCERT_LEADER_ELECTION", "false")
        .containsEntry("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234567890123456:role/slb")
        .containsEntry("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token")
        .doesNotContainKey("ALIBABA_CLOUD_ACCESS_KEY_ID");
    assertThat(chart.deployment().getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getProjected() != null).singleElement()
        .satisfies(v -> assertThat(v.getProjected().getSources().get(0).getServiceAccountToken().getAudience()).isEqualTo("sts.aliyuncs.com"));
    assertThat(operator.getImage()).isEqualTo("registry.example.com/ops/slb-certificate-operator:1.2.3");
    assertThat(chart.deployment().getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(chart.kind("PodDisruptionBudget")).as("no budget for a single pod: it would block every node drain").isEmpty();
  }

  @Test
  void theServiceMonitorScrapesOverHttpsWithPrometheusTokenAndReadersAreBoundToTheReaderRole() {
    RenderedChart secure = RenderedChart.render(Map.of("serviceMonitor.enabled", "true",
        "metrics.readers[0].name", "prometheus-k8s", "metrics.readers[0].namespace", "monitoring"));

    assertThat(endpoint(secure)).containsEntry("port", "metrics").containsEntry("scheme", "https")
        .containsEntry("bearerTokenFile", "/var/run/secrets/kubernetes.io/serviceaccount/token")
        .containsEntry("tlsConfig", Map.of("insecureSkipVerify", true));
    assertThat(secure.kind("ClusterRoleBinding")).filteredOn(b -> b.getMetadata().getName().endsWith("-metrics-reader")).singleElement()
        .satisfies(b -> {
          var binding = (io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) b;
          assertThat(binding.getRoleRef().getName()).isEqualTo("slbcert-slb-certificate-operator-metrics-reader");
          assertThat(binding.getSubjects()).extracting(s -> s.getNamespace() + "/" + s.getName()).containsExactly("monitoring/prometheus-k8s");
        });
    assertThat(secure.rules()).filteredOn(e -> e.getValue().getNonResourceURLs().contains("/metrics")).singleElement()
        .satisfies(e -> assertThat(e.getValue().getVerbs()).containsExactly("get"));
  }

  @Test
  void metricsServedOpenForClustersThatProtectThePortOtherwiseNeedNoReviewRights() {
    RenderedChart open = RenderedChart.render(Map.of("serviceMonitor.enabled", "true", "metrics.secure", "false"));

    assertThat(endpoint(open)).containsEntry("scheme", "http").doesNotContainKey("bearerTokenFile");
    assertThat(env(open.deployment().getSpec().getTemplate().getSpec().getContainers().get(0))).containsEntry("SLBCERT_METRICS_SECURE", "false");
    assertThat(open.kind("ClusterRole")).extracting(r -> r.getMetadata().getName()).doesNotContain("slbcert-slb-certificate-operator-metrics-auth");
    assertThat(open.rules()).noneMatch(e -> e.getValue().getResources().contains("tokenreviews"));
    assertThatThrownBy(() -> RenderedChart.render(Map.of("metrics.readers[0].name", "prometheus"))).hasMessageContaining("namespace");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> endpoint(RenderedChart chart) {
    var monitor = (io.fabric8.kubernetes.api.model.GenericKubernetesResource) chart.kind("ServiceMonitor").get(0);
    return ((java.util.List<Map<String, Object>>) monitor.<Object>get("spec", "endpoints")).get(0);
  }

  @Test
  void incompleteCredentialsAndBadValuesFailToRenderWithAMessage() {
    assertThatThrownBy(() -> RenderedChart.render(Map.of("credentials.mode", "rrsa")))
        .hasMessageContaining("credentials.rrsa.roleArn");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("logFormat", "xml")))
        .hasMessageContaining("logFormat");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("credentials.mode", "password")))
        .hasMessageContaining("credentials/mode");
  }

  @Test
  void javaOptionsWinOverTheImagesOwnOptions() throws Exception {
    Container operator = RenderedChart.render(Map.of("javaOptions", "-XX:MaxRAMPercentage=60 -XX:-UseSerialGC -XX:+UseParallelGC"))
        .deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    String options = env(operator).get("_JAVA_OPTIONS");
    assertThat(options).isEqualTo("-XX:MaxRAMPercentage=60 -XX:-UseSerialGC -XX:+UseParallelGC");
    assertThat(env(RenderedChart.render(Map.of()).deployment().getSpec().getTemplate().getSpec().getContainers().get(0)))
        .doesNotContainKey("_JAVA_OPTIONS");

    // the variable the chart sets, against the options file the image's entrypoint reads, on this JVM
    ProcessBuilder jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@deploy/jvm.options",
        "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true);
    jvm.environment().put("_JAVA_OPTIONS", options);
    Process process = jvm.start();
    String flags = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(flags).isZero();
    assertThat(flags).containsPattern("MaxRAMPercentage\\s+= 60\\.0").containsPattern("UseParallelGC\\s+= true")
        .containsPattern("UseSerialGC\\s+= false");
  }

  @Test
  void everyValueIsCommented() throws Exception {
    var passThrough = java.util.Set.of("resources", "podSecurityContext", "securityContext");
    var lines = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"));
    String topLevel = "";
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.matches("\\s*[A-Za-z][A-Za-z0-9]*:.*")) {
        continue;
      }
      boolean nested = line.startsWith(" ");
      if (!nested) {
        topLevel = line.substring(0, line.indexOf(':'));
      }
      if (nested && passThrough.contains(topLevel)) {
        continue; // a Kubernetes object passed through as it is, commented as a whole
      }
      boolean groupOfCommentedKeys = line.trim().endsWith(":") && lines.get(i + 1).trim().startsWith("#");
      assertThat(lines.get(i - 1).trim().startsWith("#") || groupOfCommentedKeys)
          .as("values.yaml line %d (%s) has no comment above it", i + 1, line.trim()).isTrue();
    }
  }

  /** Environment of the container; values from Secrets show as "(secret name/key)". */
  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() != null ? e.getValue()
        : e.getValueFrom().getSecretKeyRef() != null
            ? "(secret " + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey() + ")"
            : "(field " + e.getValueFrom().getFieldRef().getFieldPath() + ")"));
  }
}
