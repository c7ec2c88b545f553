package dev.slbcert.fence;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Open while this replica leads and the last renewal of its Lease that the API server accepted was
 * sent less than {@code validity} ago, on the monotonic clock. It learns of renewals as an
 * interceptor of the Kubernetes client the leader election uses: the time a Lease write is sent is
 * taken before it leaves, and counts once the server has accepted it. Another replica may take the
 * Lease only after the lease duration has passed since it last saw a renewal, which is after this
 * replica sent it; so with a validity shorter than the lease duration, an open fence means no other
 * replica leads, even after this process was frozen (a pause, CPU starvation, a stalled VM): the
 * monotonic clock runs on while it is stopped. What it cannot close is a freeze between the check
 * and the request reaching SLB.
 *
 * <p>Once leadership is given up ({@link #revoke()}) the fence stays shut.
 */
public final class LeaseFence implements WriteFence, Interceptor {
  /** The name it is installed under in the Kubernetes client. */
  public static final String INTERCEPTOR = "slbcert-lease-fence";

  private final String leasePath;
  private final String leasesPath;
  private final long validityNanos;
  private final LongSupplier nanoTime;
  /** Send time of the Lease write now in flight: the leader election writes its Lease from one thread, one write at a time. */
  private volatile long pendingSentAt;
  private volatile boolean pending;
  private volatile long renewedAt;
  private volatile boolean renewed;
  private volatile boolean leading;
  private volatile boolean revoked;

  /**
   * @param validity how long after sending an accepted renewal the replica may still write: shorter
   *     than the lease duration by a margin for the request's own time and the replicas' clock rates
   */
  public LeaseFence(String leaseNamespace, String leaseName, Duration validity) {
    this(leaseNamespace, leaseName, validity, System::nanoTime);
  }

  LeaseFence(String leaseNamespace, String leaseName, Duration validity, LongSupplier nanoTime) {
    this.leasesPath = "/apis/coordination.k8s.io/v1/namespaces/" + leaseNamespace + "/leases";
    this.leasePath = leasesPath + "/" + leaseName;
    this.validityNanos = validity.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public boolean open() {
    return leading && !revoked && renewed && nanoTime.getAsLong() - renewedAt < validityNanos;
  }

  /** This replica was elected (after the write that took the Lease was accepted). */
  public void leading() {
    leading = true;
  }

  /** Leadership is lost or given up: no write is allowed from now on. */
  public void revoke() {
    revoked = true;
    leading = false;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (isLeaseWrite(request)) {
      pendingSentAt = nanoTime.getAsLong();
      pending = true;
    }
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    if (isLeaseWrite(request) && pending && response.isSuccessful()) {
      renewedAt = pendingSentAt;
      renewed = true;
      pending = false;
    }
  }

  private boolean isLeaseWrite(HttpRequest request) {
    String path = request.uri().getRawPath();
    String method = request.method();
    return ("PUT".equals(method) || "PATCH".equals(method)) && leasePath.equals(path) || "POST".equals(method) && leasesPath.equals(path);
  }
}
