package dev.slbcert.slb;

import dev.slbcert.slb.SlbException.Kind;
import java.util.Set;

/** Maps SLB and SDK error codes to the kind of failure. The one place that knows the codes. */
public final class SlbErrorClassifier {
  private static final Set<String> UNAVAILABLE_PREFIXES = Set.of(
      "ServiceUnavailable", "SystemBusy", "ServiceIsConfiguring", "OperationBusy", "OperationConflict",
      "InternalError", "SDK.ReadTimeout", "SDK.ServerUnreachable", "SDK.InvalidServerResponse", "SignatureNonceUsed");
  private static final Set<String> CERTIFICATE_CODES = Set.of(
      "KeyFormatError", "PrivateKeyEncryption", "CertificateNotMatchPrivateKey", "InvalidServerCertificate");
  private static final Set<String> ACCESS_PREFIXES = Set.of(
      "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId", "InvalidAccessKeySecret", "SDK.InvalidAccessKeySecret",
      "SDK.InvalidAccessSecret", "InvalidSecurityToken", "InvalidTimeStamp", "Forbidden", "NoPermission", "Unauthorized",
      "SDK.InvalidCredentials", "SDK.CredentialsFetchError", "EntityNotExist.Role", "AuthenticationFail");

  /** The code of a failure to obtain credentials at all (STS, the instance metadata service), before any call reached SLB. */
  public static final String CREDENTIALS_UNAVAILABLE = "Credentials.Unavailable";

  private SlbErrorClassifier() {}

  /**
   * @param action the SLB action that failed
   * @param code the error code
   * @param message SLB's message, used only to tell a bad certificate from a bad name
   * @param serverError true when SLB answered with a 5xx status
   */
  public static Kind classify(String action, String code, String message, boolean serverError) {
    String c = code == null ? "" : code;
    if (c.equals(CREDENTIALS_UNAVAILABLE)) {
      return Kind.CREDENTIALS_UNAVAILABLE;
    }
    if (c.startsWith("Throttling")) {
      return Kind.THROTTLED;
    }
    if (serverError || startsWithAny(c, UNAVAILABLE_PREFIXES)) {
      return Kind.UNAVAILABLE;
    }
    if (c.equals("CertificateAndPrivateKeyIsRefered")) {
      return Kind.IN_USE;
    }
    if (startsWithAny(c, ACCESS_PREFIXES)) {
      return Kind.ACCESS_DENIED;
    }
    if (c.endsWith(".NotFound") || c.equals("ListenerNotFound") || c.equals("InvalidParameter.DomainExtensionId")) {
      return Kind.NOT_FOUND;
    }
    if (c.equals("OverQuota") || c.endsWith(".OverQuota") || c.startsWith("QuotaExceed") || c.equals("DomainExtensionNumberExceeded")) {
      return Kind.QUOTA_EXCEEDED;
    }
    if (CERTIFICATE_CODES.contains(c)) {
      return Kind.INVALID_CERTIFICATE;
    }
    if ("UploadServerCertificate".equals(action) && c.startsWith("InvalidParameter")
        && (message == null || !message.contains("ServerCertificateName"))) {
      return Kind.INVALID_CERTIFICATE;
    }
    return Kind.INVALID_REQUEST;
  }

  private static boolean startsWithAny(String code, Set<String> prefixes) {
    for (String prefix : prefixes) {
      if (code.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
