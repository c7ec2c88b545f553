package dev.slbcert.fence;

/**
 * A write that was not sent because this replica can no longer prove it leads. The reconciliation
 * that met it ends without changing status: the replica that leads now owns the resource.
 */
public final class FencedOff extends RuntimeException {
  public FencedOff(String write) {
    super("not sent (" + write + "): this replica can no longer prove it holds the Lease");
  }
}
