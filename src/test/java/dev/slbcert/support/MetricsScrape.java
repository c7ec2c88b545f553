package dev.slbcert.support;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Scrapes the operator's metrics port as Prometheus' ServiceMonitor does: HTTPS without verifying
 * the operator's self-made certificate, with a bearer token (or none).
 */
public final class MetricsScrape {
  private MetricsScrape() {}

  /** GET https://127.0.0.1:port/metrics with {@code token} (null: no Authorization header). */
  public static HttpResponse<String> https(int port, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpClient client = HttpClient.newBuilder().sslContext(trustingAnyCertificate()).connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trustingAnyCertificate() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new InsecureSkipVerify()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** tlsConfig.insecureSkipVerify: any certificate, any name. */
  private static final class InsecureSkipVerify extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
