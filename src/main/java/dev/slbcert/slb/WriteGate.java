package dev.slbcert.slb;

/**
 * Asked right before each attempt of an SLB mutation leaves, once it is signed (after any wait for
 * the rate limit, and again for each retry); throws to stop it. Reads are never gated.
 */
@FunctionalInterface
public interface WriteGate {
  /** @param action the SLB action about to be sent, for the message of a refusal */
  void beforeSend(String action);

  /** Whether an SLB action only reads. */
  static boolean isRead(String action) {
    return action.startsWith("Describe") || action.startsWith("List");
  }
}
