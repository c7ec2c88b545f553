package dev.slbcert.slb.aliyun;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import dev.slbcert.slb.CallShare;
import dev.slbcert.slb.RetryPolicy;
import dev.slbcert.slb.SlbCallListener;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbErrorClassifier;
import dev.slbcert.slb.SlbException;
import dev.slbcert.slb.SlbException.Kind;
import dev.slbcert.slb.WriteGate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SDK requests: signs (through the SDK), rate-limits, times out, retries what can be retried,
 * tells listeners, and turns SDK failures into {@link SlbException}s whose messages never carry
 * request parameters (a request may hold a private key).
 */
final class SdkCaller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SdkCaller.class);

  private final DefaultProfile profile;
  private final AlibabaCloudCredentialsProvider credentials;
  private final DefaultAcsClient client;
  private final SlbClientSettings settings;
  private final ClientRateLimiter limiter;
  private final RandomGenerator random = RandomGenerator.getDefault();
  private final List<SlbCallListener> listeners;
  private final CredentialsLog credentialsLog;
  /** What the credentials are, for the log: never a secret. */
  private final String credentialsSource;

  SdkCaller(SlbClientSettings settings) {
    this.credentialsLog = new CredentialsLog();
    this.credentialsSource = settings.credentials().describe();
    this.settings = settings;
    this.listeners = new CopyOnWriteArrayList<>();
    this.limiter = new ClientRateLimiter(settings.qps());
    this.profile = DefaultProfile.getProfile("cn-hangzhou");
    HttpClientConfig http = HttpClientConfig.getDefault();
    http.setConnectionTimeoutMillis(settings.connectTimeout().toMillis());
    http.setReadTimeoutMillis(settings.readTimeout().toMillis());
    profile.setHttpClientConfig(http);
    this.credentials = CredentialsProviders.of(settings.credentials(), settings.endpoints(), credentialsLog);
    this.client = new DefaultAcsClient(profile, credentials);
  }

  private SdkCaller(SdkCaller shared, WriteGate gate) {
    this.settings = shared.settings;
    this.limiter = shared.limiter;
    this.listeners = shared.listeners;
    this.profile = shared.profile;
    this.credentials = shared.credentials;
    this.credentialsLog = shared.credentialsLog;
    this.credentialsSource = shared.credentialsSource;
    this.client = new DefaultAcsClient(profile, credentials);
    client.setHttpClient(new GatedHttpClient(shared.client.getHttpClient(), gate));
  }

  /**
   * The same connections, credentials, limit and listeners, with every mutation asking {@code gate}
   * right before each attempt leaves, once it is signed ({@link GatedHttpClient}).
   */
  SdkCaller gatedBy(WriteGate writeGate) {
    return new SdkCaller(this, writeGate);
  }

  void addListener(SlbCallListener listener) {
    listeners.add(listener);
  }

  /**
   * Sends a request built fresh for each attempt (new nonce and timestamp), retrying throttled
   * answers always and outcome-unknown ones only when {@code idempotent}.
   */
  <T extends AcsResponse> T call(String regionId, boolean idempotent, Supplier<? extends AcsRequest<T>> build) throws SlbException {
    RetryPolicy retry = settings.retry();
    for (int attempt = 1; ; attempt++) {
      AcsRequest<T> request = build.get();
      prepare(request, regionId);
      String action = request.getSysActionName();
      SlbException failure;
      long started = System.nanoTime();
      try {
        limiter.acquire(CallShare.current());
        T response = client.getAcsResponse(request);
        notifyListeners(action, "Success", started);
        credentialsLog.worked(credentialsSource);
        return response;
      } catch (ServerException e) {
        failure = translate(action, e, true);
      } catch (ClientException e) {
        if (e.getCause() instanceof GatedHttpClient.Refused refused) {
          throw refused.refusal(); // not sent
        }
        failure = translate(action, e, false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SlbException(Kind.UNAVAILABLE, "Interrupted", action + " was interrupted", null);
      }
      notifyListeners(action, failure.errorCode(), started);
      if (failure.kind() == Kind.ACCESS_DENIED) {
        credentialsLog.failed(credentialsSource + ": SLB refused them: " + failure.errorCode() + ": "
            + SlbMessages.describe(failure.errorCode(), "see the resources' status"));
      }
      boolean mayRetry = failure.kind() == Kind.THROTTLED || (failure.retryable() && idempotent);
      if (!mayRetry || attempt >= retry.maxAttempts()) {
        throw failure;
      }
      long waitMs = retry.delay(attempt, random).toMillis();
      LOG.debug("SLB {} failed with {} (request {}); retry {} of {} in {} ms", action, failure.errorCode(), failure.requestId(),
          attempt, retry.maxAttempts() - 1, waitMs);
      sleep(waitMs);
    }
  }

  private void prepare(AcsRequest<?> request, String regionId) {
    request.setSysRegionId(regionId);
    // Per request: the SDK otherwise applies its own per-API timeout table over the client's.
    request.setSysConnectTimeout((int) settings.connectTimeout().toMillis());
    request.setSysReadTimeout((int) settings.readTimeout().toMillis());
    java.net.URI endpoint = settings.endpoints().endpointFor(regionId);
    if (endpoint != null) {
      int port = endpoint.getPort();
      request.setSysEndpoint(endpoint.getHost() + (port > 0 ? ":" + port : ""));
      request.setSysProtocol("http".equalsIgnoreCase(endpoint.getScheme()) ? ProtocolType.HTTP : ProtocolType.HTTPS);
    } else {
      request.setSysProtocol(ProtocolType.HTTPS);
    }
  }

  private static SlbException translate(String action, ClientException e, boolean serverError) {
    String code = e.getErrCode() == null ? "SDK.Unknown" : e.getErrCode();
    Kind kind = SlbErrorClassifier.classify(action, code, e.getErrMsg(), serverError);
    if (kind == Kind.CREDENTIALS_UNAVAILABLE) {
      return new SlbException(kind, code, e.getErrMsg(), null); // the operator's own words: what the source answered, then the source
    }
    return new SlbException(kind, code, action + " failed: " + code + ": " + SlbMessages.describe(code, e.getErrMsg()), e.getRequestId());
  }

  private void notifyListeners(String action, String outcome, long startedNanos) {
    long nanos = System.nanoTime() - startedNanos;
    for (SlbCallListener l : listeners) {
      l.onCall(action, outcome, nanos);
    }
  }

  private static void sleep(long millis) throws SlbException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlbException(Kind.UNAVAILABLE, "Interrupted", "interrupted while waiting to retry", null);
    }
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
