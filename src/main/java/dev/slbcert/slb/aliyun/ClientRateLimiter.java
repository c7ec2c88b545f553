package dev.slbcert.slb.aliyun;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces calls so that no more than {@code perSecond} start in any second (0 = unlimited), and
 * hands the calls out in turn among the shares that wait ({@link dev.slbcert.slb.CallShare}): with
 * two namespaces waiting, each gets every other call, however many calls one of them queues.
 * Within a share, calls go in the order they came.
 */
final class ClientRateLimiter {
  private final long intervalNanos;
  private long nextFreeNanos = System.nanoTime();
  /** Waiting calls by share, and the shares in the order of their turns. */
  private final Map<String, ArrayDeque<Waiter>> waiting = new HashMap<>();
  private final ArrayDeque<String> turns = new ArrayDeque<>();

  private static final class Waiter {
    boolean granted;
  }

  ClientRateLimiter(double perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
  }

  void acquire(String share) throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    Waiter me = new Waiter();
    synchronized (this) {
      waiting.computeIfAbsent(share, s -> {
        turns.addLast(s);
        return new ArrayDeque<>();
      }).addLast(me);
      try {
        while (!me.granted) {
          long now = System.nanoTime();
          if (now >= nextFreeNanos) {
            grantNext();
            nextFreeNanos = Math.max(now, nextFreeNanos) + intervalNanos;
            notifyAll();
          } else {
            long waitNanos = nextFreeNanos - now;
            wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
          }
        }
      } catch (InterruptedException e) {
        withdraw(share, me);
        throw e;
      }
    }
  }

  /** The next call of the share whose turn it is; that share goes to the back of the line. */
  private void grantNext() {
    String share = turns.pollFirst();
    ArrayDeque<Waiter> queue = waiting.get(share);
    queue.pollFirst().granted = true;
    if (queue.isEmpty()) {
      waiting.remove(share);
    } else {
      turns.addLast(share);
    }
  }

  private void withdraw(String share, Waiter me) {
    if (me.granted) {
      return;
    }
    ArrayDeque<Waiter> queue = waiting.get(share);
    queue.remove(me);
    if (queue.isEmpty()) {
      waiting.remove(share);
      turns.remove(share);
    }
  }
}
