package dev.slbcert.reconciler;

import java.time.Duration;

/**
 * Timing of the reconciler.
 *
 * @param resyncInterval how often each resource is checked against SLB (and how long a region's
 *     certificate listing is shared)
 * @param retryFirst first wait after a fault or a blocked deletion (then doubling)
 * @param retryMax longest wait between retries
 * @param referenceCacheAge how long one walk of a region's listeners is reused
 * @param uploadSettleTime after an upload whose answer was lost, how long to keep looking for its
 *     result before uploading again
 */
public record ReconcilerSettings(Duration resyncInterval, Duration retryFirst, Duration retryMax, Duration referenceCacheAge, Duration uploadSettleTime) {

  public static ReconcilerSettings defaults() {
    return new ReconcilerSettings(Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(15), Duration.ofSeconds(30));
  }
}
