package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.slb.CallShare;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamespaceShareTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> threads = new ArrayList<>();

  @AfterEach
  void releaseAll() throws InterruptedException {
    release.countDown();
    for (Thread t : threads) {
      t.join(5_000);
    }
  }

  @ParameterizedTest(name = "{1} namespace(s) at work -> {2} each")
  @CsvSource({
      // alone, a namespace takes every thread but the reserve kept for the next one
      "50, 1, 42",
      // at work together, they split them
      "50, 2, 21",
      "50, 3, 14",
      // however many, each keeps a minimum
      "50, 20, 4",
  })
  void aNamespaceMayHaveAnEqualPartOfTheThreadsInFlight(int threads, int atWork, int limit) {
    assertThat(NamespaceShare.limit(threads, atWork)).isEqualTo(limit);
  }

  @Test
  void aFloodingNamespaceLeavesThreadsForTheNextAndYieldsTo() throws Exception {
    NamespaceShare share = new NamespaceShare(50);
    AtomicInteger deferred = new AtomicInteger();
    for (int i = 0; i < 45; i++) {
      hold(share, "flood", deferred);
    }
    awaitInFlight(share, "flood", 42);
    awaitCount(deferred, 3); // beyond every thread but the reserve

    hold(share, "shop", deferred);
    awaitInFlight(share, "shop", 1);
    assertThat(share.run("flood", () -> "ran", () -> "deferred")).as("the flood now waits for its half").isEqualTo("deferred");
  }

  @Test
  void callsInsideRunComeFromTheNamespacesShare() {
    NamespaceShare share = new NamespaceShare(50);

    assertThat(share.run("shop", CallShare::current, () -> "deferred")).isEqualTo("shop");
    assertThat(CallShare.current()).isEqualTo(CallShare.COMMON);
  }

  /** A reconciliation of {@code namespace} that holds its place until the test ends (or counts as deferred). */
  private void hold(NamespaceShare share, String namespace, AtomicInteger deferred) {
    Thread t = new Thread(() -> share.run(namespace, () -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }, () -> {
      deferred.incrementAndGet();
      return null;
    }));
    threads.add(t);
    t.start();
  }

  private static void awaitCount(AtomicInteger count, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (count.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(count).hasValue(n);
  }

  private static void awaitInFlight(NamespaceShare share, String namespace, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (share.inFlight(namespace) < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(share.inFlight(namespace)).isEqualTo(n);
  }
}
