package dev.slbcert.slb.aliyun;

import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slbcert.slb.SlbErrorClassifier;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The SDK's credentials provider, with failures that say where the credentials were to come from
 * and what that source answered: for RRSA, STS's endpoint, the role and STS's code and message
 * (the SDK's own failure is a bare "SDK.Unknown" after which the call seems to have failed at SLB).
 * The failure carries the code {@link SlbErrorClassifier#CREDENTIALS_UNAVAILABLE}; the log says it once per change
 * ({@link CredentialsLog}).
 */
final class ExplainedCredentialsProvider implements AlibabaCloudCredentialsProvider {
  private static final String STS_FAILED = "AssumeRoleWithOIDC failed";
  private static final java.util.regex.Pattern REFUSAL = java.util.regex.Pattern.compile("(?s)(.*)\\(RequestID: ([^,]*), Code: ([^)]*)\\)");

  private final Supplier<AlibabaCloudCredentialsProvider> sdk;
  private final Duration renewAfter;
  private final String kind;
  private final String source;
  private final CredentialsLog log;
  /** Kind and source, as the log names them when credentials work again. */
  private final String described;
  private AlibabaCloudCredentialsProvider delegate;
  /** When (System.nanoTime) the provider in use first gave credentials; 0 before that. */
  private long since;

  /**
   * @param kind the kind of credentials, first in messages: "RRSA"
   * @param source where they come from, last in messages: "role ..., OIDC provider ..., token file ..., STS https://..."
   */
  ExplainedCredentialsProvider(AlibabaCloudCredentialsProvider delegate, String kind, String source, CredentialsLog log) {
    this(() -> delegate, null, kind, source, log);
  }

  /**
   * @param sdk makes the SDK's provider (which refreshes its credentials itself, before they expire)
   * @param renewAfter null; or how long a provider's credentials are used before a new provider is
   *     made, which reads the token file and asks STS again (a test's way to see a refresh in seconds)
   */
  ExplainedCredentialsProvider(Supplier<AlibabaCloudCredentialsProvider> sdk, Duration renewAfter, String kind, String source, CredentialsLog log) {
    this.sdk = sdk;
    this.kind = kind;
    this.renewAfter = renewAfter;
    this.source = source;
    this.log = log;
    this.described = kind + "; " + source;
    this.delegate = sdk.get();
  }

  /** The SDK's provider. */
  synchronized AlibabaCloudCredentialsProvider delegate() {
    return delegate;
  }

  @Override
  public AlibabaCloudCredentials getCredentials() throws ClientException {
    AlibabaCloudCredentials credentials;
    AlibabaCloudCredentialsProvider current;
    synchronized (this) {
      if (renewAfter != null && since != 0 && System.nanoTime() - since > renewAfter.toNanos()) {
        delegate = sdk.get();
        since = 0;
      }
      current = delegate;
    }
    try {
      credentials = current.getCredentials();
      synchronized (this) {
        if (since == 0 && current == delegate) {
          since = System.nanoTime();
        }
      }
    } catch (ClientException | RuntimeException e) {
      String why = explain(kind, source, e);
      log.failed(why);
      throw new ClientException(SlbErrorClassifier.CREDENTIALS_UNAVAILABLE, why);
    }
    log.worked(described);
    return credentials;
  }

  /**
   * What went wrong, from the SDK's failure, first (STS's own code and message where STS answered),
   * then where the credentials were to come from: "RRSA: STS refused AssumeRoleWithOIDC: code:
   * message (request id); role ..., OIDC provider ..., token file ..., STS https://...".
   */
  static String explain(String kind, String source, Exception e) {
    return kind + ": " + what(e) + "; " + source;
  }

  private static String what(Exception e) {
    String message = e instanceof ClientException c && c.getErrMsg() != null ? c.getErrMsg() : String.valueOf(e.getMessage());
    int sts = message.indexOf(STS_FAILED);
    if (sts >= 0) {
      String body = message.substring(sts + STS_FAILED.length()).replaceFirst("^[:\\s]+", "");
      String answer = stsAnswer(body);
      if (answer != null) {
        return "STS refused AssumeRoleWithOIDC: " + answer;
      }
      return "AssumeRoleWithOIDC failed: " + (body.isBlank() ? e.getClass().getSimpleName() : firstLine(body));
    }
    if (message.contains("Read OIDC token failed")) {
      return "the OIDC token file could not be read (is the ServiceAccount token projected at that path?)";
    }
    Throwable cause = e.getCause();
    return firstLine(cause != null && cause != e ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : message);
  }

  /**
   * "Code: Message (request id)" from STS's answer as the SDK passes it on: "Message(RequestID: id,
   * Code: code)" for a refusal, the JSON itself for an answer without credentials; null for neither.
   */
  private static String stsAnswer(String body) {
    java.util.regex.Matcher refusal = REFUSAL.matcher(body.trim());
    if (refusal.matches()) {
      return refusal.group(3) + ": " + refusal.group(1).trim() + " (request " + refusal.group(2) + ")";
    }
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
