package dev.slbcert.slb;

/**
 * Whose share of the SLB call budget the calls of the current thread come from: the namespace a
 * reconciliation works for, or a share of its own for work done for all (a region's listing, the
 * walk of a region's listeners: whoever asks, every namespace waits for them). The client's rate limit hands out calls in turn among the shares that wait, so one
 * namespace's flood of work cannot take the calls another namespace's renewal needs.
 */
public final class CallShare {
  /** Calls made outside any share (start-up, the orphans command). */
  public static final String COMMON = "";
  /** A region's certificate listing, which every namespace's resources share: one share, whoever asked for it. */
  public static final String REGION_LISTING = "region-listing";
  /** The walk of a region's load balancers and listeners: one share, whoever asked for it. */
  public static final String REFERENCE_WALK = "reference-walk";
  private static final ThreadLocal<String> CURRENT = ThreadLocal.withInitial(() -> COMMON);

  private CallShare() {}

  public static String current() {
    return CURRENT.get();
  }

  /** Runs {@code work} with its SLB calls counted to {@code share}. */
  public static <T, E extends Exception> T with(String share, Work<T, E> work) throws E {
    String before = CURRENT.get();
    CURRENT.set(share);
    try {
      return work.run();
    } finally {
      CURRENT.set(before);
    }
  }

  /** Work that may throw one kind of checked exception. */
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }
}
