package dev.slbcert.reconciler;

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

  public ReconcileFailure(String reason, String message, Retry retry) {
    super(message, null, false, false);
    this.reason = reason;
    this.retry = retry;
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
