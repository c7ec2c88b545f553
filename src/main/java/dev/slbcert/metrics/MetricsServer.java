package dev.slbcert.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.slbcert.metrics.ScrapeAccess.Decision;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /metrics} on a port of its own. Secure (the default): HTTPS, and a scrape is answered only
 * for a bearer token that the API server authenticates and authorizes for {@code get} on
 * {@code /metrics} ({@link ScrapeAuthorizer}); 401 or 403 otherwise. Open: plain HTTP for anyone,
 * for clusters that protect the port otherwise. Two threads serve it; the probes are elsewhere
 * ({@code HealthServer}), so nothing done to this port fails them.
 */
public final class MetricsServer implements AutoCloseable {
  static {
    // a client that opens a connection and sends nothing holds a thread for 10 s at most (the JDK's default: for ever)
    System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
    System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "30"));
  }

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
    Thread thread = new Thread(r, "metrics-http");
    thread.setDaemon(true);
    return thread;
  });

  private MetricsServer(HttpServer server, Supplier<String> scrape, Function<String, Decision> access) {
    this.server = server;
    server.createContext(ScrapeAuthorizer.PATH, exchange -> serve(exchange, scrape, access));
    server.setExecutor(threads);
    server.start();
  }

  /** HTTPS with a self-signed certificate; scrapes authorized by {@code access} (given the Authorization header). */
  public static MetricsServer secure(int port, Supplier<String> scrape, Function<String, Decision> access) throws IOException {
    HttpsServer https = HttpsServer.create(new InetSocketAddress(port), 64);
    try {
      https.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.create("slb-certificate-operator-metrics")));
    } catch (GeneralSecurityException e) {
      https.stop(0);
      throw new IOException("cannot make the metrics port's TLS certificate: " + e.getMessage(), e);
    }
    return new MetricsServer(https, scrape, access);
  }

  /** Plain HTTP, no authorization. */
  public static MetricsServer open(int port, Supplier<String> scrape) throws IOException {
    return new MetricsServer(HttpServer.create(new InetSocketAddress(port), 64), scrape, authorization -> Decision.ALLOWED);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, Supplier<String> scrape, Function<String, Decision> access) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(ScrapeAuthorizer.PATH)) {
        send(exchange, 404, "not found: only /metrics is served here\n", "text/plain; charset=utf-8");
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "only GET\n", "text/plain; charset=utf-8");
        return;
      }
      Decision decision = access.apply(exchange.getRequestHeaders().getFirst("Authorization"));
      switch (decision) {
        case ALLOWED -> send(exchange, 200, scrape.get(), PROMETHEUS_TEXT);
        case UNAUTHENTICATED -> {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
          send(exchange, 401, "a bearer token the API server authenticates is needed\n", "text/plain; charset=utf-8");
        }
        case FORBIDDEN -> send(exchange, 403, "this user may not get the non-resource URL /metrics\n", "text/plain; charset=utf-8");
        default -> send(exchange, 503, "the API server could not check the token; try again\n", "text/plain; charset=utf-8");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
