package dev.slbcert.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.MetricsScrape;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} behind the API server's authentication and authorization, with the operator
 * acting under the chart's ServiceAccount (so the chart's grant of TokenReview and
 * SubjectAccessReview is what is tested) and Prometheus bound by the chart to its metrics-reader role.
 */
class MetricsAuthOnApiServerTest {
  private static final RealApiServer API = RealApiServer.get();
  private static final String MONITORING = "monitoring";
  private static InstalledChart chart;

  @BeforeAll
  static void install() {
    chart = InstalledChart.install("metricsauth", "metricsauth-system",
        Map.of("metrics.readers[0].name", "prometheus", "metrics.readers[0].namespace", MONITORING));
    TestResources.namespace(API.admin(), MONITORING);
    for (String account : new String[] {"prometheus", "tenant", "grafana-agent"}) {
      API.admin().serviceAccounts().inNamespace(MONITORING).resource(new ServiceAccountBuilder().withNewMetadata().withName(account)
          .withNamespace(MONITORING).endMetadata().build()).createOr(existing -> existing.update());
    }
  }

  private static HttpResponse<String> scrapeAs(String token) throws Exception {
    try (KubernetesClient operator = API.clientAs(chart.namespace(), chart.serviceAccount());
        MetricsServer server = MetricsServer.secure(0, () -> "slbcert_certificates_managed{namespace=\"shop\"} 1.0\n",
            new ScrapeAuthorizer(operator, Clock.systemUTC())::decide)) {
      return MetricsScrape.https(server.port(), token);
    }
  }

  @Test
  void prometheusBoundToTheChartsReaderRoleScrapesOverHttps() throws Exception {
    HttpResponse<String> scrape = scrapeAs(API.token(MONITORING, "prometheus"));

    assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    assertThat(scrape.body()).contains("slbcert_certificates_managed");
  }

  @Test
  void aScrapeWithoutATokenIsUnauthorizedAndNamesNoResource() throws Exception {
    HttpResponse<String> scrape = scrapeAs(null);

    assertThat(scrape.statusCode()).isEqualTo(401);
    assertThat(scrape.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(scrape.body()).doesNotContain("shop");
  }

  @Test
  void aTokenTheApiServerDoesNotKnowIsUnauthorized() throws Exception {
    String token = API.token(MONITORING, "prometheus");
    String forged = token.substring(0, token.length() - 8) + "AAAAAAAA";

    assertThat(scrapeAs(forged).statusCode()).isEqualTo(401);
  }

  @Test
  void anotherServiceAccountOfTheClusterIsForbidden() throws Exception {
    HttpResponse<String> scrape = scrapeAs(API.token(MONITORING, "tenant"));

    assertThat(scrape.statusCode()).isEqualTo(403);
    assertThat(scrape.body()).doesNotContain("shop");
  }

  @Test
  void aServiceAccountAnAdministratorBindsToTheReaderRoleMayScrape() throws Exception {
    API.admin().rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("grafana-agent-reads-slbcert")
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", chart.fullName() + "-metrics-reader")
        .addNewSubject().withKind("ServiceAccount").withName("grafana-agent").withNamespace(MONITORING).endSubject().build())
        .createOr(existing -> existing.update());

    assertThat(scrapeAs(API.token(MONITORING, "grafana-agent")).statusCode()).isEqualTo(200);
  }
}
