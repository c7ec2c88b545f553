package dev.slbcert.metrics;

import dev.slbcert.reconciler.ResourceObserver;
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

/**
 * The operator's Prometheus metrics: reconciliations by outcome, SLB calls by action and outcome
 * with latency histograms, certificates managed, deletions blocked, seconds until the earliest
 * expiry.
 */
public final class OperatorMetrics implements ResourceObserver, SlbCallListener {
  private record State(String certificateId, Instant notAfter, boolean blocked) {}

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, State> resources = new ConcurrentHashMap<>();
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
  public void observed(String key, String outcome, String managedCertificateId, Instant notAfter, boolean deletionBlocked) {
    Counter.builder("slbcert_reconciliations").description("Reconciliations by outcome (the Ready reason)")
        .tag("outcome", outcome).register(registry).increment();
    resources.put(key, new State(managedCertificateId, notAfter, deletionBlocked));
  }

  @Override
  public void forgotten(String key) {
    resources.remove(key);
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
