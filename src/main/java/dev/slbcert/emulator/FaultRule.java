package dev.slbcert.emulator;

/**
 * A fault to inject into calls of one action ({@code "*"} for every action), either for the
 * next {@code count} matching calls or, when {@code probability} is set, on a seeded random share
 * of them.
 *
 * @param kind what happens to the call
 * @param code error code answered by {@link Kind#ERROR}
 * @param httpStatus HTTP status of that answer
 * @param delayMs how long {@link Kind#DELAY} holds the call before it is carried out
 * @param dropConnection for {@link Kind#COMMIT_THEN_FAIL}: close the connection instead of
 *     answering 503
 * @param count how many calls to hit (ignored when {@code probability} is set)
 * @param probability share of calls to hit, 0 for "use count"
 * @param seed seed of the random draw for {@code probability}
 */
public record FaultRule(
    String action,
    Kind kind,
    String code,
    int httpStatus,
    long delayMs,
    boolean dropConnection,
    int count,
    double probability,
    long seed) {

  /** The kinds of fault. */
  public enum Kind {
    /** Answer an error without carrying out the action. */
    ERROR,
    /** Wait, then carry out the action and answer (usually after the client gave up). */
    DELAY,
    /** Carry out the action, then answer 503 or drop the connection. */
    COMMIT_THEN_FAIL
  }

  public static FaultRule error(String action, String code, int httpStatus, int count) {
    return new FaultRule(action, Kind.ERROR, code, httpStatus, 0, false, count, 0, 0);
  }

  public static FaultRule delay(String action, long delayMs, int count) {
    return new FaultRule(action, Kind.DELAY, null, 0, delayMs, false, count, 0, 0);
  }

  public static FaultRule commitThenFail(String action, boolean dropConnection, int count) {
    return new FaultRule(action, Kind.COMMIT_THEN_FAIL, null, 0, 0, dropConnection, count, 0, 0);
  }

  /** The same fault, hitting a seeded random share of calls instead of a count. */
  public FaultRule withProbability(double share, long randomSeed) {
    return new FaultRule(action, kind, code, httpStatus, delayMs, dropConnection, 0, share, randomSeed);
  }

  boolean appliesTo(String calledAction) {
    return "*".equals(action) || action.equals(calledAction);
  }
}
