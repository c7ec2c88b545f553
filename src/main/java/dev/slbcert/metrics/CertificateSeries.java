package dev.slbcert.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The per-certificate series, written at scrape time from the operator's state of each resource:
 * no meter object is kept per resource (five per resource cost several KiB each at thousands of
 * resources), and a resource's series go with its state.
 */
final class CertificateSeries implements MultiCollector {
  /** What one resource's series say. */
  record State(String namespace, String name, String regionId, String certificateId, Instant notAfter, boolean blocked, String ready) {}

  static final String EXPIRATION = "slbcert_certificate_expiration_timestamp_seconds";
  static final String READY = "slbcert_certificate_ready_status";
  static final String DELETION_BLOCKED = "slbcert_certificate_deletion_blocked";
  private static final List<String> READY_STATUSES = List.of("True", "False", "Unknown");

  private final Supplier<Collection<State>> states;

  CertificateSeries(Supplier<Collection<State>> states) {
    this.states = states;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder expiration = GaugeSnapshot.builder().name(EXPIRATION)
        .help("When the certificate a ServerCertificate manages expires (Unix seconds)");
    GaugeSnapshot.Builder ready = GaugeSnapshot.builder().name(READY)
        .help("The Ready condition of a ServerCertificate: 1 for its current status (True, False or Unknown)");
    GaugeSnapshot.Builder blocked = GaugeSnapshot.builder().name(DELETION_BLOCKED)
        .help("1 while SLB refuses to delete a ServerCertificate's certificate because listeners use it");
    for (State s : states.get()) {
      if (s.certificateId() != null) {
        expiration.dataPoint(point(s.notAfter() == null ? Double.NaN : s.notAfter().getEpochSecond(),
            Labels.of("namespace", s.namespace(), "name", s.name(), "region", String.valueOf(s.regionId()), "certificate_id", s.certificateId())));
      }
      for (String status : READY_STATUSES) {
        ready.dataPoint(point(status.equals(s.ready()) ? 1 : 0, Labels.of("namespace", s.namespace(), "name", s.name(), "condition", status)));
      }
      blocked.dataPoint(point(s.blocked() ? 1 : 0, Labels.of("namespace", s.namespace(), "name", s.name())));
    }
    return MetricSnapshots.of(expiration.build(), ready.build(), blocked.build());
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(EXPIRATION, READY, DELETION_BLOCKED);
  }

  private static GaugeDataPointSnapshot point(double value, Labels labels) {
    return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
  }
}
