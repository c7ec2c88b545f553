package dev.slbcert.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The soak at CI size; {@link SoakMain} runs the same code larger. */
class SoakTest {

  @Test
  void underFaultsRestartsAndConflictsNothingIsLostOrDuplicated() throws Exception {
    SoakReport report = new Soak(60, 20261128L, Duration.ofSeconds(60)).run();
    System.out.println(report.table());

    assertThat(report.violations).isEmpty();
    assertThat(report.duplicatesSeen).isZero();
    assertThat(report.orphansAtEnd).isZero();
    assertThat(report.disappearedWithCertificate).isZero();
    assertThat(report.restarts).isGreaterThanOrEqualTo(2);
    assertThat(report.retainedLeft).isEqualTo(6);
    assertThat(report.conflictsInjected).isPositive();
    assertThat(report.listenersFollowed).as("listeners that followed a renewal to the current certificate").isEqualTo(20);
    assertThat(Soak.combinedFaultRate()).as("configured share of calls that meet a fault").isGreaterThanOrEqualTo(0.25);
    assertThat((double) report.faults() / report.calls()).as("measured share of calls hit by a fault").isGreaterThanOrEqualTo(0.2);
    assertThat(report.faultsByKind).containsKeys("ERROR", "DELAY", "COMMIT_THEN_FAIL");
  }
}
