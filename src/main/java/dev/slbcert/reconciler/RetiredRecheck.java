package dev.slbcert.reconciler;

import java.time.Duration;

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
