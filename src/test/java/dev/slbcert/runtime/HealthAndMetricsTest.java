package dev.slbcert.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.health.HealthServer;
import dev.slbcert.metrics.MetricsServer;
import dev.slbcert.metrics.OperatorMetrics;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestResources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthAndMetricsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void probesOnTheHealthPortAndPrometheusMetricsOnTheirOwn() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults())) {
      OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC());
      try (AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))
              .addListener(metrics);
          OperatorRuntime operator = new OperatorRuntime(kubernetes.newClient(), slb, OperatorHarness.FAST, Set.of(), Clock.systemUTC(), metrics, null);
          HealthServer health = new HealthServer(0, operator::isReady);
          MetricsServer metricsPort = MetricsServer.open(0, metrics::scrape)) {
        assertThat(get(health.port(), "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(health.port(), "/readyz").statusCode()).isEqualTo(503);

        operator.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(health.port(), "/readyz").statusCode() == 200);
        TestResources.namespace(kubernetes.client(), "m");
        TestResources.certificateFromNewSecret(kubernetes.client(), "m", "m");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          HttpResponse<String> scrape = get(metricsPort.port(), "/metrics");
          assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
          assertThat(scrape.body())
              .contains("slbcert_reconciliations_total{outcome=\"Available\"}")
              .contains("slbcert_certificates_managed 1.0")
              .contains("slbcert_certificates_deletion_blocked 0.0")
              .containsPattern("slbcert_certificate_earliest_expiry_seconds 7\\d{6}")
              .contains("slbcert_slb_calls_seconds_count{action=\"UploadServerCertificate\",outcome=\"Success\"} 1")
              .contains("slbcert_slb_calls_seconds_bucket{action=\"DescribeServerCertificates\",outcome=\"Success\"");
        });
      }
    }
  }

  @Test
  void perCertificateSeriesCarryTheirLabelsAndGoWithTheResource() throws Exception {
    withRunningOperator((kube, slb, metrics) -> {
      TestResources.namespace(kube, "shop");
      TestResources.certificateFromNewSecret(kube, "shop", "web");
      TestResources.namespace(kube, "blog");
      kube.resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace("blog")
          .resource(TestResources.serverCertificate("blog", "broken", "missing-secret")).create();
      var web = kube.resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace("shop").withName("web");
      await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.isReady(web.get()) && metrics.scrape().contains("name=\"broken\""));
      String id = web.get().getStatus().getServerCertificateId();
      long notAfter = java.time.Instant.parse(web.get().getStatus().getNotAfter()).getEpochSecond();

      String scrape = metrics.scrape();

      var expiry = java.util.regex.Pattern.compile("slbcert_certificate_expiration_timestamp_seconds\\{certificate_id=\"" + id
          + "\",name=\"web\",namespace=\"shop\",region=\"cn-hangzhou\"} (\\S+)").matcher(scrape);
      assertThat(expiry.find()).as(scrape).isTrue();
      assertThat(Double.parseDouble(expiry.group(1))).isEqualTo((double) notAfter);
      assertThat(scrape)
          .contains("slbcert_certificate_ready_status{condition=\"True\",name=\"web\",namespace=\"shop\"} 1.0")
          .contains("slbcert_certificate_ready_status{condition=\"False\",name=\"web\",namespace=\"shop\"} 0.0")
          .contains("slbcert_certificate_ready_status{condition=\"Unknown\",name=\"web\",namespace=\"shop\"} 0.0")
          .contains("slbcert_certificate_ready_status{condition=\"False\",name=\"broken\",namespace=\"blog\"} 1.0")
          .doesNotContain("slbcert_certificate_expiration_timestamp_seconds{certificate_id=\"null\"");

      web.delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> web.get() == null);

      assertThat(metrics.scrape()).doesNotContain("name=\"web\"").contains("name=\"broken\"");
    });
  }

  @Test
  void aResourceWhoseFinalizerWasRemovedByHandLeavesNoSeriesBehind() throws Exception {
    withRunningOperator((kube, slb, metrics) -> {
      TestResources.namespace(kube, "shop");
      TestResources.certificateFromNewSecret(kube, "shop", "web");
      var web = kube.resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace("shop").withName("web");
      await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.isReady(web.get()));
      String lb = slb.createLoadBalancer(OperatorHarness.REGION, "lb");
      slb.createHttpsListener(OperatorHarness.REGION, lb, 443, web.get().getStatus().getServerCertificateId());
      web.delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> metrics.scrape().contains("slbcert_certificates_deletion_blocked 1.0"));

      // the tenant gives up waiting and removes the finalizer: the operator's cleanup never runs
      web.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
          "{\"metadata\":{\"finalizers\":null}}");
      await().atMost(Duration.ofSeconds(20)).until(() -> web.get() == null);

      assertThat(metrics.scrape()).doesNotContain("name=\"web\"").contains("slbcert_certificates_deletion_blocked 0.0")
          .contains("slbcert_certificates_managed 0.0");
    });
  }

  private interface WithOperator {
    void run(io.fabric8.kubernetes.client.KubernetesClient kube, AliyunSlbClient slb, OperatorMetrics metrics) throws Exception;
  }

  /** Runs {@code test} beside an operator on the embedded API and the emulator, with metrics. */
  private static void withRunningOperator(WithOperator test) throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults())) {
      OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC());
      try (AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)));
          OperatorRuntime operator = new OperatorRuntime(kubernetes.newClient(), slb, OperatorHarness.FAST, Set.of(), Clock.systemUTC(), metrics, null)
              .start()) {
        test.run(kubernetes.client(), slb, metrics);
      }
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
