package dev.slbcert.slb.aliyun;

/** Spaces calls so that no more than {@code perSecond} start in any second (0 = unlimited). */
final class ClientRateLimiter {
  private final long intervalNanos;
  private long nextFreeNanos = System.nanoTime();

  ClientRateLimiter(double perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
  }

  void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextFreeNanos);
      nextFreeNanos = slot + intervalNanos;
      waitNanos = slot - now;
    }
    if (waitNanos > 0) {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
  }
}
