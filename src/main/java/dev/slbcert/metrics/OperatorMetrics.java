package dev.slbcert.metrics;

import dev.slbcert.reconciler.ResourceObserver;
import dev.slbcert.slb.SlbCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's Prometheus metrics: reconciliations by outcome, SLB calls by action and outcome
 * with latency histograms, certificates managed, deletions blocked, seconds until the earliest
 * expiry; per certificate, in cert-manager's style, its expiry time, its Ready status and whether
 * its deletion waits (each series removed when the resource goes); and whether this replica leads.
 */
public final class OperatorMetrics implements ResourceObserver, SlbCallListener {
  private record State(String certificateId, Instant notAfter, boolean blocked, String ready) {}

  private static final List<String> READY_STATUSES = List.of("True", "False", "Unknown");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, State> resources = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> perResource = new ConcurrentHashMap<>();
  private final Clock clock;

  public OperatorMetrics(Clock clock) {
    this.clock = clock;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("slbcert_certificates_managed", resources, r -> r.values().stream().filter(s -> s.certificateId() != null).count())
        .description("ServerCertificates that manage an SLB certificate").register(registry);
    Gauge.builder("slbcert_certificates_deletion_blocked", resources, r -> r.values().stream().filter(State::blocked).count())
        .description("ServerCertificates whose deletion SLB refuses while listeners use the certificate").register(registry);
    Gauge.builder("slbcert_certificate_earliest_expiry_seconds", this, OperatorMetrics::secondsUntilEarliestExpiry)
        .description("Seconds until the earliest expiry among managed certificates (NaN when there is none)").register(registry);
  }

  @Override
  public void observed(Observation o) {
    Counter.builder("slbcert_reconciliations").description("Reconciliations by outcome (the Ready reason)")
        .tag("outcome", o.outcome()).register(registry).increment();
    synchronized (perResource) {
      State before = resources.put(o.key(), new State(o.certificateId(), o.notAfter(), o.deletionBlocked(),
          o.ready() == null ? "Unknown" : o.ready()));
      if (before == null || !java.util.Objects.equals(before.certificateId(), o.certificateId())) {
        removeSeries(o.key());
      }
      List<Meter> meters = perResource.computeIfAbsent(o.key(), k -> new ArrayList<>());
      if (meters.isEmpty()) {
        register(o, meters);
      }
    }
  }

  @Override
  public void forgotten(String namespace, String name) {
    String key = namespace + "/" + name;
    synchronized (perResource) {
      resources.remove(key);
      removeSeries(key);
    }
  }

  /** Gauges of one resource; they read the current state, so only a new certificate id needs new series. */
  private void register(Observation o, List<Meter> meters) {
    String key = o.key();
    if (o.certificateId() != null) {
      meters.add(Gauge.builder("slbcert_certificate_expiration_timestamp_seconds", resources,
              r -> r.get(key) == null || r.get(key).notAfter() == null ? Double.NaN : r.get(key).notAfter().getEpochSecond())
          .description("When the certificate a ServerCertificate manages expires (Unix seconds)")
          .tags("namespace", o.namespace(), "name", o.name(), "region", String.valueOf(o.regionId()), "certificate_id", o.certificateId())
          .register(registry));
    }
    for (String condition : READY_STATUSES) {
      meters.add(Gauge.builder("slbcert_certificate_ready_status", resources, r -> r.get(key) != null && condition.equals(r.get(key).ready()) ? 1 : 0)
          .description("The Ready condition of a ServerCertificate: 1 for its current status (True, False or Unknown)")
          .tags("namespace", o.namespace(), "name", o.name(), "condition", condition).register(registry));
    }
    meters.add(Gauge.builder("slbcert_certificate_deletion_blocked", resources, r -> r.get(key) != null && r.get(key).blocked() ? 1 : 0)
        .description("1 while SLB refuses to delete a ServerCertificate's certificate because listeners use it")
        .tags("namespace", o.namespace(), "name", o.name()).register(registry));
  }

  private void removeSeries(String key) {
    List<Meter> meters = perResource.remove(key);
    if (meters != null) {
      meters.forEach(registry::remove);
    }
  }

  /** Exports {@code slbcert_leader}: 1 while this replica leads (always, without leader election). */
  public OperatorMetrics bindLeadership(java.util.function.BooleanSupplier leading) {
    Gauge.builder("slbcert_leader", leading, l -> l.getAsBoolean() ? 1 : 0)
        .description("1 while this replica reconciles (it holds the Lease, or leader election is off)").register(registry);
    return this;
  }

  @Override
  public void onCall(String action, String outcome, long durationNanos) {
    Timer.builder("slbcert_slb_calls").description("SLB API calls by action and outcome (Success or the error code)")
        .tag("action", action).tag("outcome", outcome).publishPercentileHistogram()
        .register(registry).record(Duration.ofNanos(durationNanos));
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  private double secondsUntilEarliestExpiry() {
    return resources.values().stream().filter(s -> s.notAfter() != null)
        .mapToDouble(s -> Duration.between(clock.instant(), s.notAfter()).toSeconds()).min().orElse(Double.NaN);
  }
}
