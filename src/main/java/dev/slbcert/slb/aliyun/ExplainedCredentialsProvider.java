package dev.slbcert.slb.aliyun;

import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slbcert.slb.SlbErrorClassifier;

/**
 * The SDK's credentials provider, with failures that say where the credentials were to come from
 * and what that source answered: for RRSA, STS's endpoint, the role and STS's code and message
 * (the SDK's own failure is a bare "SDK.Unknown" after which the call seems to have failed at SLB).
 * The failure carries the code {@link SlbErrorClassifier#CREDENTIALS_UNAVAILABLE}; the log says it once per change
 * ({@link CredentialsLog}).
 */
final class ExplainedCredentialsProvider implements AlibabaCloudCredentialsProvider {
  private static final String STS_FAILED = "AssumeRoleWithOIDC failed";

  private final AlibabaCloudCredentialsProvider delegate;
  private final String source;
  private final CredentialsLog log;

  /** @param source where the credentials come from, for messages: "RRSA: role ... through STS https://..." */
  ExplainedCredentialsProvider(AlibabaCloudCredentialsProvider delegate, String source, CredentialsLog log) {
    this.delegate = delegate;
    this.source = source;
    this.log = log;
  }

  /** The SDK's provider. */
  AlibabaCloudCredentialsProvider delegate() {
    return delegate;
  }

  @Override
  public AlibabaCloudCredentials getCredentials() throws ClientException {
    AlibabaCloudCredentials credentials;
    try {
      credentials = delegate.getCredentials();
    } catch (ClientException | RuntimeException e) {
      String why = explain(source, e);
      log.failed(why);
      throw new ClientException(SlbErrorClassifier.CREDENTIALS_UNAVAILABLE, why);
    }
    log.worked(source);
    return credentials;
  }

  /** What went wrong, from the SDK's failure: STS's own code and message where STS answered. */
  static String explain(String source, Exception e) {
    String message = e instanceof ClientException c && c.getErrMsg() != null ? c.getErrMsg() : String.valueOf(e.getMessage());
    int sts = message.indexOf(STS_FAILED);
    if (sts >= 0) {
      String body = message.substring(sts + STS_FAILED.length()).replaceFirst("^[:\\s]+", "");
      String answer = stsAnswer(body);
      if (answer != null) {
        return source + ": STS refused AssumeRoleWithOIDC: " + answer;
      }
      return source + ": AssumeRoleWithOIDC failed: " + (body.isBlank() ? e.getClass().getSimpleName() : firstLine(body));
    }
    if (message.contains("Read OIDC token failed")) {
      return source + ": the OIDC token file could not be read (is the ServiceAccount token projected at that path?)";
    }
    Throwable cause = e.getCause();
    String detail = cause != null && cause != e ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : message;
    return source + ": " + firstLine(detail);
  }

  /** "Code: Message (request id)" from STS's JSON answer, or null when it is not one. */
  private static String stsAnswer(String body) {
    try {
      JsonElement parsed = JsonParser.parseString(body);
      if (!parsed.isJsonObject()) {
        return null;
      }
      JsonObject o = parsed.getAsJsonObject();
      if (!o.has("Code")) {
        return null;
      }
      return o.get("Code").getAsString() + ": " + (o.has("Message") ? o.get("Message").getAsString() : "")
          + (o.has("RequestId") ? " (request " + o.get("RequestId").getAsString() + ")" : "");
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).trim();
  }
}
