package dev.slbcert.slb.aliyun;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.CallBack;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpRequest;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.IHttpClient;
import dev.slbcert.slb.WriteGate;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;

/**
 * The SDK's HTTP client with the write gate in front: a mutation is let through only once it is
 * signed and about to go out, so the gate is asked as late as the SDK allows (after the rate limit,
 * the credentials and the signature), and for each attempt. Reads pass unasked. What the gate
 * throws reaches the caller as a {@link Refused} inside the SDK's own exception.
 */
final class GatedHttpClient extends IHttpClient {
  private final IHttpClient delegate;
  private final WriteGate gate;

  GatedHttpClient(IHttpClient delegate, WriteGate gate) {
    this.delegate = delegate;
    this.gate = gate;
  }

  @Override
  protected void init(HttpClientConfig config) {
    // the delegate is set up already
  }

  @Override
  public HttpResponse syncInvoke(HttpRequest request) throws IOException, ClientException {
    ask(request);
    return delegate.syncInvoke(request);
  }

  @Override
  public Future<HttpResponse> asyncInvoke(HttpRequest request, CallBack callback) throws IOException {
    ask(request);
    return delegate.asyncInvoke(request, callback);
  }

  private void ask(HttpRequest request) {
    String action = actionOf(request.getUrl());
    if (action == null || !WriteGate.isRead(action)) {
      try {
        gate.beforeSend(action == null ? "an SLB request" : action);
      } catch (RuntimeException refusal) {
        throw new Refused(refusal);
      }
    }
  }

  /** The {@code Action} query parameter of a signed RPC request's URL, or null when it has none (then it counts as a write). */
  static String actionOf(String url) {
    int query = url == null ? -1 : url.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      if (pair.startsWith("Action=")) {
        return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public void ignoreSSLCertificate() {
    delegate.ignoreSSLCertificate();
  }

  @Override
  public void restoreSSLCertificate() {
    delegate.restoreSSLCertificate();
  }

  /** The delegate belongs to the ungated client: closing a gated view must leave it open. */
  @Override
  public boolean isSingleton() {
    return true;
  }

  @Override
  public void close() {
    // see isSingleton
  }

  /** Carries the gate's refusal through the SDK, which wraps whatever its HTTP client throws. */
  static final class Refused extends RuntimeException {
    Refused(RuntimeException refusal) {
      super(refusal.getMessage(), refusal, false, false);
    }

    RuntimeException refusal() {
      return (RuntimeException) getCause();
    }
  }
}
