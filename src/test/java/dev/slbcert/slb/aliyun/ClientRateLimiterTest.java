package dev.slbcert.slb.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

  @Test
  void aShareThatQueuesManyCallsDoesNotMakeAnotherWaitBehindThemAll() throws Exception {
    ClientRateLimiter limiter = new ClientRateLimiter(50); // a call every 20 ms
    List<String> granted = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      threads.add(start(limiter, "flood", granted));
    }
    while (granted.size() < 2) {
      Thread.onSpinWait(); // the flood's calls are queued and being served
    }
    int queuedBefore = granted.size();
    Thread other = start(limiter, "shop", granted);
    other.join(5_000);
    for (Thread t : threads) {
      t.join(5_000);
    }

    assertThat(granted).hasSize(21);
    assertThat(granted.indexOf("shop") - queuedBefore).as("calls granted to the flood after shop queued, before shop's")
        .isLessThanOrEqualTo(2);
  }

  @Test
  void sharesWaitingTogetherTakeTurns() throws Exception {
    ClientRateLimiter limiter = new ClientRateLimiter(10); // a call every 100 ms
    limiter.acquire("first"); // the next call may start only 100 ms from now: all below queue before it
    List<String> granted = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      threads.add(start(limiter, "a", granted));
      threads.add(start(limiter, "a", granted));
      threads.add(start(limiter, "b", granted));
    }
    for (Thread t : threads) {
      t.join(5_000);
    }

    assertThat(granted).hasSize(12);
    assertThat(granted.subList(0, 8)).as("while both wait, they alternate").containsSubsequence("a", "b", "a", "b", "a", "b", "a", "b")
        .filteredOn("b"::equals).hasSize(4);
    for (int i = 0; i + 1 < 8; i++) {
      assertThat(granted.get(i)).as("grant %d and the next", i).isNotEqualTo(granted.get(i + 1));
    }
  }

  private static Thread start(ClientRateLimiter limiter, String share, List<String> granted) {
    Thread t = new Thread(() -> {
      try {
        limiter.acquire(share);
        granted.add(share);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    return t;
  }
}
