package dev.slbcert.metrics;

import dev.slbcert.reconciler.ResourceMetrics;
import dev.slbcert.slb.SlbCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The operator's Prometheus metrics: reconciliations by outcome, SLB calls by action and outcome
 * with latency histograms, certificates managed, deletions blocked, seconds until the earliest
 * expiry; per certificate, in cert-manager's style, its expiry time, its Ready status and whether
 * its deletion waits (each series removed when the resource goes); and whether this replica leads.
 */
public final class OperatorMetrics implements ResourceMetrics, SlbCallListener {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, CertificateSeries.State> resources = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile BiPredicate<String, String> exists = (namespace, name) -> true;

  public OperatorMetrics(Clock clock) {
    this.clock = clock;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("slbcert_certificates_managed", resources, r -> r.values().stream().filter(s -> s.certificateId() != null).count())
        .description("ServerCertificates that manage an SLB certificate").register(registry);
    Gauge.builder("slbcert_certificates_deletion_blocked", resources, r -> r.values().stream().filter(CertificateSeries.State::blocked).count())
        .description("ServerCertificates whose deletion SLB refuses while listeners use the certificate").register(registry);
    Gauge.builder("slbcert_certificate_earliest_expiry_seconds", this, OperatorMetrics::secondsUntilEarliestExpiry)
        .description("Seconds until the earliest expiry among managed certificates (NaN when there is none)").register(registry);
    registry.getPrometheusRegistry().register(new CertificateSeries(resources::values));
  }

  @Override
  public void observed(Observation o) {
    Counter.builder("slbcert_reconciliations").description("Reconciliations by outcome (the Ready reason)")
        .tag("outcome", o.outcome()).register(registry).increment();
    resources.put(o.key(), new CertificateSeries.State(o.namespace(), o.name(), o.regionId(), o.certificateId(), o.notAfter(),
        o.deletionBlocked(), o.ready() == null ? "Unknown" : o.ready()));
  }

  @Override
  public void forgotten(String namespace, String name) {
    resources.remove(namespace + "/" + name);
  }

  @Override
  public void keepOnlyExisting(BiPredicate<String, String> exists) {
    this.exists = exists;
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

  /** The Prometheus text exposition; series of resources that no longer exist are dropped first. */
  public String scrape() {
    resources.values().removeIf(s -> !exists.test(s.namespace(), s.name()));
    return registry.scrape();
  }

  private double secondsUntilEarliestExpiry() {
    return resources.values().stream().filter(s -> s.notAfter() != null)
        .mapToDouble(s -> Duration.between(clock.instant(), s.notAfter()).toSeconds()).min().orElse(Double.NaN);
  }
}
