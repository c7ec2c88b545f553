package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.RetiredCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * When to look again at retired certificates that listeners still use. Waiting for a listener to
 * move is not a failure: it has a schedule of its own, not the failure backoff. A listener that
 * follows a renewal (CCM through a bound Service, or Rebind) moves within seconds, so for the first
 * {@link #SHORT_WINDOW} after the newest retirement the wait grows with the time already waited
 * ({@code first}, then about doubling) up to {@code shortLimit}; a certificate still in use after
 * that waits for a person, and is looked at every {@code longLimit}. A change of a bound Service
 * (CCM's label after its sync) wakes the resource at once whatever the schedule says.
 */
final class RetiredRecheck {
  /** How long after a renewal its retired certificate is looked at often. */
  static final Duration SHORT_WINDOW = Duration.ofMinutes(10);

  private RetiredRecheck() {}

  /** When to look again at these retired certificates, still in use at {@code now}. */
  static Duration after(List<RetiredCertificate> retired, Instant now, ReconcilerSettings settings) {
    Instant newest = retired.stream().map(r -> r.getRetiredAt() == null ? Instant.EPOCH : Instant.parse(r.getRetiredAt()))
        .max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    Duration waited = Duration.between(newest, now);
    return after(waited.isNegative() ? Duration.ZERO : waited, settings.retryFirst(), settings.retiredRecheckLimit(), settings.retryMax());
  }

  /**
   * @param waited time since the newest retired certificate was retired
   * @param first the first wait (the settings' retryFirst)
   * @param shortLimit the longest wait within the short window
   * @param longLimit the wait after it (the settings' retryMax), never shorter than {@code shortLimit}
   */
  static Duration after(Duration waited, Duration first, Duration shortLimit, Duration longLimit) {
    if (waited.compareTo(SHORT_WINDOW) >= 0) {
      return longLimit.compareTo(shortLimit) > 0 ? longLimit : shortLimit;
    }
    Duration grown = waited.compareTo(first) > 0 ? waited : first;
    return grown.compareTo(shortLimit) < 0 ? grown : shortLimit;
  }
}
