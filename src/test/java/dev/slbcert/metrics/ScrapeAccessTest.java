package dev.slbcert.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.metrics.ScrapeAccess.Decision;
import dev.slbcert.metrics.ScrapeAccess.Review;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrapeAccessTest {
  @ParameterizedTest(name = "token {0}, authenticated {1}, authorized {2} -> {3}")
  @CsvSource({
      "false, NOT_ASKED,  NOT_ASKED,  UNAUTHENTICATED",
      "true,  NO,         NOT_ASKED,  UNAUTHENTICATED",
      "true,  UNANSWERED, NOT_ASKED,  UNAVAILABLE",
      "true,  YES,        YES,        ALLOWED",
      "true,  YES,        NO,         FORBIDDEN",
      "true,  YES,        UNANSWERED, UNAVAILABLE",
  })
  void decidesFromWhatTheApiServerAnswered(boolean hasToken, Review authenticated, Review authorized, Decision expected) {
    assertThat(ScrapeAccess.decide(hasToken, authenticated, authorized)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(value = {
      "Bearer abc.def|abc.def",
      "bearer abc|abc",
      "Bearer   abc  |abc",
      "Basic dXNlcjpwYXNz|",
      "Bearer |",
      "Bearer|",
      "|",
  }, delimiter = '|', ignoreLeadingAndTrailingWhitespace = false)
  void takesTheBearerTokenOfTheAuthorizationHeaderOnly(String header, String token) {
    assertThat(ScrapeAccess.bearerToken(header)).isEqualTo(token);
  }

  @ParameterizedTest(name = "{0} -> HTTP {1}")
  @CsvSource({"ALLOWED, 200", "UNAUTHENTICATED, 401", "FORBIDDEN, 403", "UNAVAILABLE, 503"})
  void eachDecisionHasItsHttpStatus(Decision decision, int status) {
    assertThat(decision.status()).isEqualTo(status);
  }
}
