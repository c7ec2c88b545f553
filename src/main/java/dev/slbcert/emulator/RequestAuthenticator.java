package dev.slbcert.emulator;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the common parameters of every call: known access key, signature v1, fresh timestamp
 * and an unused nonce. A temporary key that STS issued ({@link StsStandIn}) is accepted only with its
 * {@code SecurityToken} and until it expires, as SLB does.
 */
final class RequestAuthenticator {
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private final Map<String, String> secretsByKeyId;
  private final Clock clock;
  private final Map<String, Instant> usedNonces = new ConcurrentHashMap<>();
  private final Map<String, TemporaryKey> temporaryKeys = new ConcurrentHashMap<>();

  /** A key STS issued: its secret, the SecurityToken that must come with it, and when it expires. */
  record TemporaryKey(String secret, String securityToken, Instant expires) {}

  RequestAuthenticator(Map<String, String> secretsByKeyId, Clock clock) {
    this.secretsByKeyId = Map.copyOf(secretsByKeyId);
    this.clock = clock;
  }

  void authenticate(RpcRequest request) throws ApiError {
    Map<String, String> p = request.parameters();
    for (String name : new String[] {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp"}) {
      if (request.optional(name) == null) {
        throw new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards: " + name + " is missing.");
      }
    }
    if (!"HMAC-SHA1".equals(p.get("SignatureMethod")) || !"1.0".equals(p.get("SignatureVersion"))) {
      throw new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards: only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported.");
    }
    String secret = secretsByKeyId.get(p.get("AccessKeyId"));
    TemporaryKey temporary = secret == null ? temporaryKeys.get(p.get("AccessKeyId")) : null;
    if (temporary != null) {
      if (p.get("SecurityToken") == null || !MessageDigest.isEqual(temporary.securityToken().getBytes(StandardCharsets.UTF_8),
          p.get("SecurityToken").getBytes(StandardCharsets.UTF_8))) {
        throw new ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey", "The Security Token does not match the access key.");
      }
      if (!clock.instant().isBefore(temporary.expires())) {
        throw new ApiError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
      }
      secret = temporary.secret();
    }
    if (secret == null) {
      throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    String stringToSign = SignatureV1.stringToSign(request.method(), p);
    String expected = SignatureV1.sign(stringToSign, secret);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), p.get("Signature").getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
    }
    checkTimestamp(p.get("Timestamp"));
    checkNonce(p.get("SignatureNonce"));
  }

  private void checkTimestamp(String timestamp) throws ApiError {
    Instant sent;
    try {
      sent = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new ApiError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    }
    Duration skew = Duration.between(sent, clock.instant()).abs();
    if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new ApiError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
  }

  private void checkNonce(String nonce) throws ApiError {
    Instant now = clock.instant();
    if (usedNonces.size() > 10_000) {
      usedNonces.values().removeIf(seen -> seen.isBefore(now.minus(MAX_CLOCK_SKEW.multipliedBy(2))));
    }
    if (usedNonces.putIfAbsent(nonce, now) != null) {
      throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
  }

  void accept(String accessKeyId, TemporaryKey key) {
    temporaryKeys.put(accessKeyId, key);
  }

  void reset() {
    usedNonces.clear();
  }
}
