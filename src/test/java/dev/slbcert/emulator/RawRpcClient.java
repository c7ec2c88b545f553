package dev.slbcert.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

/** Speaks the RPC protocol by hand (no SDK), to test what the SDK never sends. */
final class RawRpcClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;

  record Answer(int status, String contentType, JsonNode body) {}

  RawRpcClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** The common parameters of a call, signed with the default key pair. */
  static Map<String, String> signed(String method, String action, Map<String, String> extra) {
    return signedWith(method, action, extra, "emulator", "emulator", Instant.now(), UUID.randomUUID().toString());
  }

  static Map<String, String> signedWith(String method, String action, Map<String, String> extra, String keyId, String secret, Instant time, String nonce) {
    Map<String, String> p = new TreeMap<>(extra);
    p.put("Action", action);
    p.put("Version", "2014-05-15");
    p.put("Format", "JSON");
    p.put("AccessKeyId", keyId);
    p.put("Timestamp", time.truncatedTo(ChronoUnit.SECONDS).toString());
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureVersion", "1.0");
    p.put("SignatureNonce", nonce);
    p.putIfAbsent("RegionId", "cn-hangzhou");
    p.put("Signature", SignatureV1.sign(SignatureV1.stringToSign(method, p), secret));
    return p;
  }

  static String form(Map<String, String> parameters) {
    StringJoiner joiner = new StringJoiner("&");
    parameters.forEach((k, v) -> joiner.add(SignatureV1.percentEncode(k) + "=" + SignatureV1.percentEncode(v)));
    return joiner.toString();
  }

  Answer get(Map<String, String> parameters) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(endpoint + "/?" + form(parameters))).GET().build());
  }

  Answer postQuery(Map<String, String> parameters) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(endpoint + "/?" + form(parameters)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  Answer postForm(Map<String, String> parameters) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build());
  }

  Answer control(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
    return send(HttpRequest.newBuilder(URI.create(endpoint + path)).method(method, body).build());
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), JSON.readTree(response.body()));
  }
}
