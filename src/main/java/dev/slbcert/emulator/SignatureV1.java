package dev.slbcert.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Alibaba Cloud RPC signature version 1 (HMAC-SHA1 over the canonical query). */
final class SignatureV1 {
  private SignatureV1() {}

  /** The string the signature covers, computed from decoded parameters. */
  static String stringToSign(String method, Map<String, String> parameters) {
    StringJoiner canonical = new StringJoiner("&");
    new TreeMap<>(parameters)
        .forEach(
            (key, value) -> {
              if (!"Signature".equals(key)) {
                canonical.add(percentEncode(key) + "=" + percentEncode(value));
              }
            });
    return method.toUpperCase() + "&" + percentEncode("/") + "&" + percentEncode(canonical.toString());
  }

  static String sign(String stringToSign, String accessKeySecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** RFC 3986 encoding: only {@code A-Z a-z 0-9 - _ . ~} stay literal; space is {@code %20}. */
  static String percentEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
