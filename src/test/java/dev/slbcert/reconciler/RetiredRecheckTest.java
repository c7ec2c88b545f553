package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetiredRecheckTest {

  @ParameterizedTest(name = "waited {0} -> look again after {1}")
  @CsvSource({
      // right after a renewal: the first wait
      "PT0S,     PT5S",
      "PT3S,     PT5S",
      // then about as long as it has waited (the wait doubles)
      "PT5S,     PT5S",
      "PT12S,    PT12S",
      "PT25S,    PT25S",
      // never longer than the short limit within the window
      "PT45S,    PT30S",
      "PT9M59S,  PT30S",
      // after the window, still in use: a person has to move it; the long limit
      "PT10M,    PT5M",
      "PT3H,     PT5M",
  })
  void waitsShortlyAfterARenewalAndLongOnceNothingMovedTheListener(Duration waited, Duration expected) {
    assertThat(RetiredRecheck.after(waited, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5))).isEqualTo(expected);
  }

  @Test
  void aLongLimitShorterThanTheShortOneDoesNotShortenTheWaitAfterTheWindow() {
    assertThat(RetiredRecheck.after(Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theNewestRetirementSetsTheSchedule() {
    java.time.Instant now = java.time.Instant.parse("2026-12-02T12:00:00Z");
    var settings = ReconcilerSettings.defaults();
    var old = new dev.slbcert.api.v1alpha1.RetiredCertificate("c-old", "aa", "2026-12-02T10:00:00Z");
    var recent = new dev.slbcert.api.v1alpha1.RetiredCertificate("c-recent", "bb", "2026-12-02T11:59:48Z");

    assertThat(RetiredRecheck.after(java.util.List.of(old), now, settings)).isEqualTo(Duration.ofMinutes(5));
    assertThat(RetiredRecheck.after(java.util.List.of(old, recent), now, settings)).isEqualTo(Duration.ofSeconds(12));
  }
}
