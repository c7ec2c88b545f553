package dev.slbcert.slb;

import java.util.List;

/** A failed SLB call, typed by what the caller can do about it. */
public class SlbException extends Exception {

  /** What kind of failure this is. */
  public enum Kind {
    /** The certificate (or other resource) does not exist. */
    NOT_FOUND(false),
    /** The certificate is still used by listeners or domain extensions. */
    IN_USE(false),
    /** Over the API rate limit; the call was not carried out. */
    THROTTLED(true),
    /** 5xx, busy, timeout or lost connection: the call may or may not have taken effect. */
    UNAVAILABLE(true),
    /** SLB refused the certificate or key. */
    INVALID_CERTIFICATE(false),
    /** Too many certificates (or domain extensions). */
    QUOTA_EXCEEDED(false),
    /** Wrong, expired or unauthorised credentials. */
    ACCESS_DENIED(false),
    /** No credentials could be obtained (STS refused RRSA's token, the instance metadata service did not answer): nothing was sent to SLB. */
    CREDENTIALS_UNAVAILABLE(false),
    /** Any other definite refusal. */
    INVALID_REQUEST(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final String errorCode;
  private final String requestId;
  private final List<CertificateReference> references;

  public SlbException(Kind kind, String errorCode, String message, String requestId) {
    this(kind, errorCode, message, requestId, List.of());
  }

  public SlbException(Kind kind, String errorCode, String message, String requestId, List<CertificateReference> references) {
    super(message);
    this.kind = kind;
    this.errorCode = errorCode;
    this.requestId = requestId;
    this.references = List.copyOf(references);
  }

  public Kind kind() {
    return kind;
  }

  /** The SLB error code, or the SDK's ({@code SDK.ReadTimeout}, ...). */
  public String errorCode() {
    return errorCode;
  }

  /** SLB's request id, null when no answer arrived. */
  public String requestId() {
    return requestId;
  }

  /** What keeps the certificate in use, when known ({@link Kind#IN_USE}). */
  public List<CertificateReference> references() {
    return references;
  }

  public boolean retryable() {
    return kind.retryable();
  }

  /** SLB does not know the region asked for (a mistyped regionId): nothing can exist there. */
  public boolean unknownRegion() {
    return errorCode != null && (errorCode.startsWith("InvalidRegionId") || errorCode.equals("SDK.InvalidRegionId"));
  }

  /** True when the call may have taken effect although it failed. */
  public boolean outcomeUnknown() {
    return kind == Kind.UNAVAILABLE;
  }

  public SlbException withReferences(List<CertificateReference> found) {
    SlbException copy = new SlbException(kind, errorCode, getMessage(), requestId, found);
    copy.setStackTrace(getStackTrace());
    return copy;
  }
}
