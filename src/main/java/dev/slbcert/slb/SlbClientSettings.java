package dev.slbcert.slb;

import java.net.URI;
import java.time.Duration;

/**
 * How the client reaches SLB.
 *
 * @param endpoint fixed endpoint ({@code http://127.0.0.1:8089}); null for the region's public
 *     SLB endpoint
 * @param credentials which credentials to sign with
 * @param qps client-side limit of calls per second, 0 for none
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time to wait for an answer
 * @param retry backoff for throttled and unavailable answers
 */
public record SlbClientSettings(
    URI endpoint, SlbCredentials credentials, double qps, Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

  public static final double DEFAULT_QPS = 10;

  public static SlbClientSettings of(URI endpoint, SlbCredentials credentials) {
    return new SlbClientSettings(endpoint, credentials, DEFAULT_QPS, Duration.ofSeconds(5), Duration.ofSeconds(10), RetryPolicy.defaults());
  }

  public SlbClientSettings withQps(double newQps) {
    return new SlbClientSettings(endpoint, credentials, newQps, connectTimeout, readTimeout, retry);
  }

  public SlbClientSettings withReadTimeout(Duration timeout) {
    return new SlbClientSettings(endpoint, credentials, qps, connectTimeout, timeout, retry);
  }

  public SlbClientSettings withRetry(RetryPolicy policy) {
    return new SlbClientSettings(endpoint, credentials, qps, connectTimeout, readTimeout, policy);
  }
}
