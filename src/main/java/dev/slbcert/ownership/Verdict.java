package dev.slbcert.ownership;

/**
 * Whether an action may be taken; when not, the reason (a condition reason of
 * {@link dev.slbcert.status.Conditions}) and a message for the resource's status and Events.
 */
public record Verdict(boolean allowed, String reason, String message) {
  static final Verdict ALLOWED = new Verdict(true, null, null);

  static Verdict refused(String reason, String message) {
    return new Verdict(false, reason, message);
  }
}
