package dev.slbcert.slb.aliyun;

import java.util.regex.Pattern;

/**
 * Safe failure texts. The SDK's own messages can quote the request URL or the string to sign,
 * and an upload request holds the private key, so those are replaced by fixed texts.
 */
final class SlbMessages {
  private static final Pattern PEM = Pattern.compile("-----BEGIN[\\s\\S]*?(-----END[^-]*-----|$)");
  private static final int MAX_LENGTH = 300;

  private SlbMessages() {}

  static String describe(String code, String slbMessage) {
    switch (code) {
      case "SDK.ReadTimeout":
        return "no answer from SLB before the read timeout; the call may or may not have taken effect";
      case "SDK.ServerUnreachable":
        return "could not reach the SLB endpoint (connection refused, reset or closed); check SLBCERT_SLB_ENDPOINT and the network";
      case "SignatureDoesNotMatch", "SDK.InvalidAccessKeySecret", "SDK.InvalidAccessSecret":
        return "SLB did not accept the request signature; check that ALIBABA_CLOUD_ACCESS_KEY_SECRET belongs to ALIBABA_CLOUD_ACCESS_KEY_ID";
      case "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive":
        return "SLB does not know this AccessKey id; check ALIBABA_CLOUD_ACCESS_KEY_ID";
      default:
        break;
    }
    if (code.startsWith("SDK.")) {
      return "the Alibaba Cloud SDK failed before SLB answered";
    }
    return sanitize(slbMessage);
  }

  static String sanitize(String message) {
    if (message == null) {
      return "";
    }
    String text = message;
    int cut = text.indexOf("string to sign");
    if (cut >= 0) {
      text = text.substring(0, cut).trim();
    }
    text = PEM.matcher(text).replaceAll("[PEM removed]");
    if (text.contains("PRIVATE KEY") || text.contains("PrivateKey=")) {
      return "(message withheld: it quoted request parameters)";
    }
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
  }
}
