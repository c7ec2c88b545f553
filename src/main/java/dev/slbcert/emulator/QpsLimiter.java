package dev.slbcert.emulator;

/** A token bucket of one second's worth of calls; over the rate, calls are refused. */
final class QpsLimiter {
  private final double perSecond;
  private double tokens;
  private long lastNanos;

  QpsLimiter(double perSecond) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.lastNanos = System.nanoTime();
  }

  synchronized boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - lastNanos) / 1e9 * perSecond);
    lastNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
