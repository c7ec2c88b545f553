package dev.slbcert.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.metrics.ScrapeAccess.Decision;
import dev.slbcert.support.MetricsScrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private static final Map<String, Decision> BY_HEADER = Map.of(
      "Bearer prometheus", Decision.ALLOWED,
      "Bearer tenant", Decision.FORBIDDEN,
      "Bearer while-the-api-server-is-down", Decision.UNAVAILABLE);

  @Test
  void theSecurePortAnswersEachDecisionWithItsStatusAndOnlyAnAllowedScrapeSeesTheSeries() throws Exception {
    List<String> headersAsked = new ArrayList<>();
    try (MetricsServer server = MetricsServer.secure(0, () -> "slbcert_certificates_managed 3.0\n", header -> {
      headersAsked.add(header);
      return header == null ? Decision.UNAUTHENTICATED : BY_HEADER.getOrDefault(header, Decision.UNAUTHENTICATED);
    })) {
      HttpResponse<String> allowed = MetricsScrape.https(server.port(), "prometheus");
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.body()).isEqualTo("slbcert_certificates_managed 3.0\n");
      assertThat(allowed.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");

      HttpResponse<String> anonymous = MetricsScrape.https(server.port(), null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(MetricsScrape.https(server.port(), "forged").statusCode()).isEqualTo(401);
      assertThat(MetricsScrape.https(server.port(), "tenant").statusCode()).isEqualTo(403);
      assertThat(MetricsScrape.https(server.port(), "while-the-api-server-is-down").statusCode()).isEqualTo(503);
      for (String refused : List.of("forged", "tenant", "while-the-api-server-is-down")) {
        assertThat(MetricsScrape.https(server.port(), refused).body()).doesNotContain("slbcert_");
      }
      assertThat(headersAsked).contains("Bearer prometheus", null, "Bearer tenant");
    }
  }

  @Test
  void theOpenPortServesPlainHttpToAnyoneAndOnlyMetrics() throws Exception {
    try (MetricsServer server = MetricsServer.open(0, () -> "slbcert_certificates_managed 1.0\n")) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("slbcert_certificates_managed 1.0");
      HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(other.statusCode()).isEqualTo(404);
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }
}
