package dev.slbcert.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.metrics.OperatorMetrics;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart's opt-in alerts and dashboard: they render, and every metric they use is one the operator exports. */
class AlertsAndDashboardTest {
  private static final Map<String, Object> ENABLED = Map.of("prometheusRule.enabled", "true", "grafanaDashboard.enabled", "true");
  private static final Pattern METRIC = Pattern.compile("\\bslbcert_[a-z_]+");

  @Test
  void alertsAndDashboardRenderOnlyWhenAskedAndPassStrictLint() throws Exception {
    assertThat(RenderedChart.render(Map.of()).kind("PrometheusRule")).isEmpty();
    assertThat(RenderedChart.render(Map.of()).kind("ConfigMap")).isEmpty();

    RenderedChart chart = RenderedChart.render(ENABLED);

    assertThat(chart.kind("PrometheusRule")).hasSize(1);
    assertThat(chart.kind("ConfigMap")).singleElement().satisfies(cm -> assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1"));
    var lint = new Helm(chartWithBothEnabled()).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(alertNames(chart)).containsExactlyInAnyOrder("SlbCertificateExpiringSoon", "SlbCertificateNotReady", "SlbCertificateDeletionBlocked",
        "SlbApiThrottled", "SlbCertificateOperatorDown");
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardUseIsOneTheOperatorExports() throws Exception {
    RenderedChart chart = RenderedChart.render(ENABLED);
    Set<String> used = new TreeSet<>();
    used.addAll(metrics(String.valueOf(((GenericKubernetesResource) chart.kind("PrometheusRule").get(0)).getAdditionalProperties().get("spec"))));
    used.addAll(metrics(String.valueOf(((GenericKubernetesResource) chart.kind("ConfigMap").get(0)).getAdditionalProperties().get("data"))));
    assertThat(used).contains("slbcert_certificate_expiration_timestamp_seconds", "slbcert_certificate_ready_status", "slbcert_leader",
        "slbcert_slb_calls_seconds_count", "slbcert_slb_calls_seconds_bucket", "slbcert_certificate_deletion_blocked");

    String scrape = scrapeAfterALifecycle();

    Set<String> exported = metrics(scrape);
    assertThat(exported).as("metrics in /metrics after a lifecycle").containsAll(used);
  }

  /** A resource created, attached to a listener and deleted (blocked): every kind of series exists. */
  private static String scrapeAfterALifecycle() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults())) {
      OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC());
      try (AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))
              .addListener(metrics);
          OperatorRuntime operator = new OperatorRuntime(kubernetes.newClient(), slb, OperatorHarness.FAST, Set.of(), Clock.systemUTC(), metrics, null)) {
        metrics.bindLeadership(operator::isLeading);
        operator.start();
        var kube = kubernetes.client();
        TestResources.namespace(kube, "shop");
        TestResources.certificateFromNewSecret(kube, "shop", "web");
        var web = kube.resources(ServerCertificate.class).inNamespace("shop").withName("web");
        await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.isReady(web.get()));
        String lb = slb.createLoadBalancer(OperatorHarness.REGION, "lb");
        slb.createHttpsListener(OperatorHarness.REGION, lb, 443, web.get().getStatus().getServerCertificateId());
        web.delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.condition(web.get(), Conditions.DELETION_BLOCKED) != null);
        return metrics.scrape();
      }
    }
  }

  /** A copy of the chart whose defaults turn both on (helm lint takes no --set here). */
  private static java.nio.file.Path chartWithBothEnabled() throws java.io.IOException {
    return RenderedChart.copyWithValues(values -> {
      String text = values;
      for (String section : new String[] {"prometheusRule:", "grafanaDashboard:"}) {
        int at = text.indexOf(section);
        int enabled = text.indexOf("enabled: false", at);
        text = text.substring(0, enabled) + "enabled: true" + text.substring(enabled + "enabled: false".length());
      }
      return text;
    });
  }

  private static Set<String> alertNames(RenderedChart chart) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("alert=(\\w+)").matcher(String.valueOf(((GenericKubernetesResource) chart.kind("PrometheusRule").get(0))
        .getAdditionalProperties().get("spec")));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Set<String> metrics(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
