package dev.slbcert.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fence opens on accepted Lease writes and shuts a validity after the last one was sent, on the monotonic clock. */
class LeaseFenceTest {
  private static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/ops/leases/slbcert";
  private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/ops/leases";

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final LeaseFence fence = new LeaseFence("ops", "slbcert", Duration.ofSeconds(10), now::get);

  @Test
  void shutUntilElectedAndRenewed() {
    assertThat(fence.open()).isFalse();
    write("PUT", LEASE, 200);
    assertThat(fence.open()).as("renewed but not told it leads").isFalse();
    fence.leading();
    assertThat(fence.open()).isTrue();
  }

  @Test
  void aPatchedLeaseIsARenewalToo() {
    fence.leading();
    write("POST", LEASES, 201);
    now.addAndGet(Duration.ofSeconds(8).toNanos());
    write("PATCH", LEASE, 200);
    now.addAndGet(Duration.ofSeconds(8).toNanos());

    assertThat(fence.open()).isTrue();
  }

  @Test
  void aCreatedLeaseCountsAsTheFirstRenewal() {
    write("POST", LEASES, 201);
    fence.leading();

    assertThat(fence.open()).isTrue();
  }

  @Test
  void shutsOnceTheLastAcceptedRenewalWasSentLongerAgoThanTheValidity() {
    fence.leading();
    write("PUT", LEASE, 200);

    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(fence.open()).isTrue();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(fence.open()).as("a replica frozen past its Lease").isFalse();
    assertThatThrownBy(() -> fence.check("UploadServerCertificate web")).isInstanceOf(FencedOff.class)
        .hasMessageContaining("UploadServerCertificate web");
  }

  @Test
  void validityCountsFromWhenTheRenewalWasSentNotFromItsAnswer() {
    fence.leading();
    HttpRequest request = request("PUT", LEASE);
    fence.before(null, request, null);
    now.addAndGet(Duration.ofSeconds(8).toNanos()); // the answer comes late (the replica was frozen meanwhile)
    fence.after(request, response(request, 200), null);

    now.addAndGet(Duration.ofSeconds(3).toNanos());

    assertThat(fence.open()).isFalse();
  }

  @Test
  void aRefusedRenewalDoesNotExtendIt() {
    fence.leading();
    write("PUT", LEASE, 200);
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    write("PUT", LEASE, 409);
    now.addAndGet(Duration.ofSeconds(5).toNanos());

    assertThat(fence.open()).isFalse();
  }

  @Test
  void otherRequestsAreNoRenewals() {
    fence.leading();
    write("GET", LEASE, 200);
    write("PUT", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/another", 200);
    write("PATCH", "/apis/slbcert.dev/v1alpha1/namespaces/shop/servercertificates/web/status", 200);
    write("POST", LEASE, 201);

    assertThat(fence.open()).isFalse();
  }

  @Test
  void onceRevokedItStaysShutEvenIfTheLeaseIsWrittenAgain() {
    fence.leading();
    write("PUT", LEASE, 200);
    fence.revoke();
    write("PUT", LEASE, 200); // the release of the Lease on the way out
    fence.leading();

    assertThat(fence.open()).isFalse();
  }

  private void write(String method, String path, int code) {
    HttpRequest request = request(method, path);
    fence.before(null, request, null);
    fence.after(request, response(request, code), null);
  }

  private static HttpRequest request(String method, String path) {
    return (HttpRequest) Proxy.newProxyInstance(LeaseFenceTest.class.getClassLoader(), new Class<?>[] {HttpRequest.class}, (proxy, m, args) ->
        switch (m.getName()) {
          case "method" -> method;
          case "uri" -> URI.create("https://127.0.0.1:6443" + path);
          default -> null;
        });
  }

  private static HttpResponse<?> response(HttpRequest request, int code) {
    return (HttpResponse<?>) Proxy.newProxyInstance(LeaseFenceTest.class.getClassLoader(), new Class<?>[] {HttpResponse.class}, (proxy, m, args) ->
        switch (m.getName()) {
          case "code" -> code;
          case "isSuccessful" -> HttpResponse.isSuccessful(code);
          case "request" -> request;
          default -> null;
        });
  }
}
