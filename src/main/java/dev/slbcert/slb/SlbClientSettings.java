package dev.slbcert.slb;

import java.net.URI;
import java.time.Duration;

/**
 * How the client reaches SLB.
 *
 * @param endpoints where each region's SLB (and STS) is reached
 * @param credentials which credentials to sign with
 * @param qps client-side limit of calls per second, 0 for none
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time to wait for an answer
 * @param retry backoff for throttled and unavailable answers
 */
public record SlbClientSettings(
    SlbEndpoints endpoints, SlbCredentials credentials, double qps, Duration connectTimeout, Duration readTimeout, RetryPolicy retry) {

  public static final double DEFAULT_QPS = 10;

  /** One endpoint for every region ({@code http://127.0.0.1:8089}); null for each region's public endpoint. */
  public static SlbClientSettings of(URI endpoint, SlbCredentials credentials) {
    return of(SlbEndpoints.fixed(endpoint), credentials);
  }

  public static SlbClientSettings of(SlbEndpoints endpoints, SlbCredentials credentials) {
    return new SlbClientSettings(endpoints, credentials, DEFAULT_QPS, Duration.ofSeconds(5), Duration.ofSeconds(10), RetryPolicy.defaults());
  }

  public SlbClientSettings withQps(double newQps) {
    return new SlbClientSettings(endpoints, credentials, newQps, connectTimeout, readTimeout, retry);
  }

  public SlbClientSettings withReadTimeout(Duration timeout) {
    return new SlbClientSettings(endpoints, credentials, qps, connectTimeout, timeout, retry);
  }

  public SlbClientSettings withRetry(RetryPolicy policy) {
    return new SlbClientSettings(endpoints, credentials, qps, connectTimeout, readTimeout, policy);
  }
}
