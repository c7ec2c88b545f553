package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.UploadInFlight;

/**
 * Why a reconciliation could not reach Ready, typed by what to do next. The reason is a
 * {@link dev.slbcert.status.Conditions} reason; the message is safe to show (no PEM, no key).
 */
public final class ReconcileFailure extends Exception {

  /** When to try again. */
  public enum Retry {
    /** A definite answer: wait until the input changes (or the periodic resync). */
    WHEN_INPUT_CHANGES,
    /** A fault that should pass: retry with backoff. */
    BACKOFF
  }

  private final String reason;
  private final Retry retry;
  private final UploadInFlight uploadInFlight;

  public ReconcileFailure(String reason, String message, Retry retry) {
    this(reason, message, retry, null);
  }

  private ReconcileFailure(String reason, String message, Retry retry, UploadInFlight uploadInFlight) {
    super(message, null, false, false);
    this.reason = reason;
    this.retry = retry;
    this.uploadInFlight = uploadInFlight;
  }

  /** The same failure, carrying an upload whose answer was lost (to be kept in status). */
  public ReconcileFailure withUploadInFlight(UploadInFlight upload) {
    return new ReconcileFailure(reason, getMessage(), retry, upload);
  }

  /** An upload whose answer was lost, or null. */
  public UploadInFlight uploadInFlight() {
    return uploadInFlight;
  }

  public static ReconcileFailure definite(String reason, String message) {
    return new ReconcileFailure(reason, message, Retry.WHEN_INPUT_CHANGES);
  }

  public static ReconcileFailure transientFault(String reason, String message) {
    return new ReconcileFailure(reason, message, Retry.BACKOFF);
  }

  public String reason() {
    return reason;
  }

  public Retry retry() {
    return retry;
  }
}
