package dev.slbcert.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark at CI size; it asserts the call counts (exact properties), never the timings. */
class BenchmarkTest {

  @Test
  void callCountsPerPhaseAreTheLeastCorrectnessAllows() throws Exception {
    int resources = 40;
    // A resync period longer than a restart takes here, so the restart's calls are measured alone.
    Benchmark.Params params = Benchmark.Params.standard(resources, 2, 0, 200, 190, false, "128m", Duration.ofSeconds(5), 2, 10, 10, 4,
        Duration.ofSeconds(2), 5);
    BenchReport report = new Benchmark(params).run();
    System.out.println(report.table());

    Map<String, Double> create = report.callsPerResource.get("create");
    assertThat(create).as("one call per new certificate: its tags come with the upload").containsEntry("UploadServerCertificate", 1.0);
    assertThat(create.keySet()).containsOnly("UploadServerCertificate", "DescribeServerCertificates");
    assertThat(report.steadyPerHour.keySet()).as("steady state makes listings only").containsOnly("DescribeServerCertificates");
    long periods = report.steadyWindow.toSeconds() / params.resync().toSeconds();
    long listings = report.steadyPerHour.get("DescribeServerCertificates") * report.steadyWindow.toSeconds() / 3600;
    assertThat(listings).as("at most one listing per region per resync period").isLessThanOrEqualTo((periods + 1) * params.regions());
    assertThat(report.callsPerResource.get("rotation")).containsEntry("UploadServerCertificate", 1.0)
        .containsEntry("DeleteServerCertificate", 1.0).doesNotContainKey("TagResources");
    assertThat(report.callsPerResource.get("deletion")).containsEntry("DeleteServerCertificate", 1.0);
    assertThat(report.restartCalls).as("a restart lists each region once and calls nothing per resource")
        .isEqualTo(Map.of("DescribeServerCertificates", (long) params.regions()));
    assertThat(report.throttledTotal).isZero();
    assertThat(report.releasedDeletionMs).hasSize(4);
    assertThat(report.renewalMs).hasSize(5);
    assertThat(report.followedRenewalMs).as("renewals whose retired certificate was deleted once CCM moved the listener").hasSize(5);
  }
}
