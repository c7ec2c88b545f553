package dev.slbcert.reconciler;

import java.time.Instant;
import java.util.function.BiPredicate;

/** Told what each reconciliation found (for metrics). */
public interface ResourceMetrics {

  /**
   * What one reconciliation of a resource found.
   *
   * @param ready the status of its Ready condition: True, False or Unknown
   * @param outcome the Ready reason ({@code Available}, or why not)
   * @param certificateId the SLB certificate it manages, or null
   * @param notAfter when that certificate expires, or null
   * @param deletionBlocked true while SLB refuses its deletion
   */
  record Observation(String namespace, String name, String regionId, String ready, String outcome, String certificateId, Instant notAfter,
      boolean deletionBlocked) {

    public String key() {
      return namespace + "/" + name;
    }
  }

  void observed(Observation observation);

  /** The resource is gone. */
  void forgotten(String namespace, String name);

  /**
   * Tells which resources still exist ({@code exists.test(namespace, name)}), so that what was
   * observed of one that went without its finalizer (removed by hand) is dropped too.
   */
  default void keepOnlyExisting(BiPredicate<String, String> exists) {}

  ResourceMetrics NONE = new ResourceMetrics() {
    @Override
    public void observed(Observation observation) {}

    @Override
    public void forgotten(String namespace, String name) {}
  };
}
