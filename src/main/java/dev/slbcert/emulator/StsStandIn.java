package dev.slbcert.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for STS's {@code AssumeRoleWithOIDC}, the call behind RRSA, over HTTPS: a role is
 * assumed when its trust policy was given ({@link #trustRole}) and the OIDC token is one it accepts
 * ({@link #acceptToken}); the answer is STS's JSON, with a temporary key that the {@link SlbEmulator}
 * then accepts, with its SecurityToken, until it expires. A refusal is STS's JSON error:
 * {@code InvalidParameter.OIDCToken} for a token it does not accept, {@code NoPermission} for a role
 * whose trust policy does not name the token's issuer. Every request is kept ({@link #requests}).
 */
public final class StsStandIn implements AutoCloseable {
  /** One AssumeRoleWithOIDC request as STS received it; {@code host} is the name it was called by. */
  public record Request(String host, String roleArn, String oidcProviderArn, String oidcToken, String roleSessionName) {}

  /** A temporary key it issued. */
  public record Issued(String accessKeyId, Instant expires) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpsServer server;
  private final SlbEmulator emulator;
  private final Duration validity;
  private final Set<String> trustedRoles = ConcurrentHashMap.newKeySet();
  private final Set<String> acceptedTokens = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Issued> issued = new CopyOnWriteArrayList<>();
  private final SecureRandom random = new SecureRandom();

  private StsStandIn(HttpsServer server, SlbEmulator emulator, Duration validity) {
    this.server = server;
    this.emulator = emulator;
    this.validity = validity;
  }

  /**
   * @param tls the server's TLS: a certificate for STS's host names, from a CA the caller trusts
   * @param validity how long an issued key lasts
   */
  public static StsStandIn start(InetSocketAddress address, SSLContext tls, SlbEmulator emulator, Duration validity) throws IOException {
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    StsStandIn sts = new StsStandIn(server, emulator, validity);
    server.createContext("/", sts::handle);
    server.start();
    return sts;
  }

  public void trustRole(String roleArn) {
    trustedRoles.add(roleArn);
  }

  public void acceptToken(String token) {
    acceptedTokens.add(token);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Issued> issued() {
    return List.copyOf(issued);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> p = new LinkedHashMap<>(form(exchange.getRequestURI().getRawQuery()));
      p.putAll(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "");
      String requestId = UUID.randomUUID().toString().toUpperCase();
      if (!"AssumeRoleWithOIDC".equals(p.get("Action"))) {
        answer(exchange, 400, error(requestId, host, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."));
        return;
      }
      requests.add(new Request(host, p.get("RoleArn"), p.get("OIDCProviderArn"), p.get("OIDCToken"), p.get("RoleSessionName")));
      if (p.get("OIDCToken") == null || !acceptedTokens.contains(p.get("OIDCToken"))) {
        answer(exchange, 400, error(requestId, host, "InvalidParameter.OIDCToken", "The OIDC token is invalid or has expired."));
        return;
      }
      if (!trustedRoles.contains(p.get("RoleArn"))) {
        answer(exchange, 403, error(requestId, host, "NoPermission", "You are not authorized to assume the role " + p.get("RoleArn")
            + " with this OIDC token: its trust policy does not allow the OIDC provider " + p.get("OIDCProviderArn") + "."));
        return;
      }
      String keyId = "STS.NT" + hex(10);
      String secret = hex(16);
      String token = "CAIS" + hex(48);
      Instant expires = emulator.clock().instant().plus(validity).truncatedTo(ChronoUnit.SECONDS);
      emulator.acceptTemporaryKey(keyId, secret, token, expires);
      issued.add(new Issued(keyId, expires));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("RequestId", requestId);
      body.put("AssumedRoleUser", Map.of("Arn", p.get("RoleArn") + "/" + p.get("RoleSessionName"), "AssumedRoleId", "3" + hex(8) + ":" + p.get("RoleSessionName")));
      body.put("Credentials", Map.of("AccessKeyId", keyId, "AccessKeySecret", secret, "SecurityToken", token, "Expiration", expires.toString()));
      answer(exchange, 200, body);
    }
  }

  private static Map<String, Object> error(String requestId, String host, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId);
    body.put("HostId", host);
    body.put("Code", code);
    body.put("Message", message);
    return body;
  }

  private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return values;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
