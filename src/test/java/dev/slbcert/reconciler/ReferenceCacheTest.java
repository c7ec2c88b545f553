package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.WriteGate;
import dev.slbcert.support.MovableClock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReferenceCacheTest {
  private static final String REGION = "cn-hangzhou";
  private static final CertificateReference LISTENER = CertificateReference.listener("lb-1", 443, "k8s/443/web/shop/c1");

  private final MovableClock clock = new MovableClock();
  private final Walks slb = new Walks();
  private final ReferenceCache references = new ReferenceCache(slb, clock, Duration.ofSeconds(15));

  @Test
  void whileOneReconciliationWalksTheRegionTheOthersTakeTheLastWalkInsteadOfWaiting() throws Exception {
    slb.uses = Map.of("c-old", List.of(LISTENER));
    assertThat(references.usesOfRefused(REGION, "c-old")).containsExactly(LISTENER);
    clock.advance(Duration.ofSeconds(16)); // the walk is stale: the next question walks again
    slb.holdNextWalk();
    CompletableFuture<List<CertificateReference>> walking = CompletableFuture.supplyAsync(() -> references.usesOfRefused(REGION, "c-old"));
    assertThat(slb.walkStarted.await(5, TimeUnit.SECONDS)).isTrue();

    // another certificate refused meanwhile: answered from the last walk while the region's walk is under way
    CompletableFuture<List<CertificateReference>> other = CompletableFuture.supplyAsync(() -> references.usesOfRefused(REGION, "c-old"));
    assertThat(other.get(5, TimeUnit.SECONDS)).containsExactly(LISTENER);
    assertThat(walking).isNotDone();

    slb.releaseWalk.countDown();
    assertThat(walking.get(5, TimeUnit.SECONDS)).containsExactly(LISTENER);
    assertThat(slb.walks).hasValue(2);
  }

  @Test
  void withNoWalkYetEveryoneWaitsForTheFirstAndSharesIt() throws Exception {
    slb.uses = Map.of("c-old", List.of(LISTENER));
    slb.holdNextWalk();
    CompletableFuture<List<CertificateReference>> first = CompletableFuture.supplyAsync(() -> references.usesOfRefused(REGION, "c-old"));
    assertThat(slb.walkStarted.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<List<CertificateReference>> second = CompletableFuture.supplyAsync(() -> references.usesOfRefused(REGION, "c-old"));

    slb.releaseWalk.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(LISTENER);
    assertThat(second.get(5, TimeUnit.SECONDS)).containsExactly(LISTENER);
    assertThat(slb.walks).hasValue(1);
  }

  @Test
  void listenersTheOperatorMovedAreRecordedInTheWalkWithoutWalkingAgain() {
    CertificateReference other = CertificateReference.listener("lb-2", 8443);
    slb.uses = Map.of("c-old", List.of(LISTENER, other));
    references.usesOfRefused(REGION, "c-old");

    references.moved(REGION, "c-old", "c-new", List.of(CertificateReference.listener("lb-1", 443)));

    assertThat(references.usesOfRefused(REGION, "c-old")).containsExactly(other);
    assertThat(references.usesOfRefused(REGION, "c-new")).containsExactly(LISTENER); // its Description kept
    assertThat(slb.walks).hasValue(1);
  }

  @Test
  void aRefusalTheLastWalkCannotExplainWalksAgain() {
    slb.uses = Map.of();
    references.usesOfRefused(REGION, "c-old");
    slb.uses = Map.of("c-old", List.of(LISTENER)); // a listener was attached after that walk

    assertThat(references.usesOfRefused(REGION, "c-old")).containsExactly(LISTENER);
    assertThat(slb.walks).hasValue(3);
  }

  /** An SLB whose only answer is the walk of listeners; a walk can be held until released. */
  private static final class Walks implements SlbClient {
    volatile Map<String, List<CertificateReference>> uses = Map.of();
    final AtomicInteger walks = new AtomicInteger();
    final CountDownLatch walkStarted = new CountDownLatch(1);
    final CountDownLatch releaseWalk = new CountDownLatch(1);
    private volatile boolean hold;

    void holdNextWalk() {
      hold = true;
    }

    @Override
    public Map<String, List<CertificateReference>> listReferences(String regionId) {
      walks.incrementAndGet();
      if (hold) {
        hold = false;
        walkStarted.countDown();
        try {
          releaseWalk.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return uses;
    }

    @Override
    public SlbCertificate upload(CertificateUpload upload) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<SlbCertificate> find(String regionId, String certificateId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<SlbCertificate> list(String regionId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String regionId, String certificateId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void rename(String regionId, String certificateId, String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void tag(String regionId, String certificateId, Map<String, String> tags) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void untag(String regionId, String certificateId, Collection<String> keys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void moveListener(String regionId, String loadBalancerId, int port, String certificateId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void moveDomainExtension(String regionId, String domainExtensionId, String certificateId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SlbClient withWriteGate(WriteGate gate) {
      return this;
    }
  }
}
