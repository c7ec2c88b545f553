package dev.slbcert.fence;

/**
 * Asked before every write the operator makes outside Kubernetes' own bookkeeping: each SLB
 * mutation and each Service annotation patch. A replica that cannot prove it still leads must not
 * write, or two replicas could act on one resource at once (split brain).
 */
public interface WriteFence {
  /** Whether this replica may write now. */
  boolean open();

  /** Throws {@link FencedOff} (the write is not sent) when the fence is not open. */
  default void check(String write) {
    if (!open()) {
      throw new FencedOff(write);
    }
  }

  /** For an operator without leader election: it is the only writer. */
  WriteFence ALWAYS_OPEN = () -> true;
}
