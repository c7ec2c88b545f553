package dev.slbcert.reconciler;

import java.time.Instant;

/** Told what each reconciliation found (for metrics). */
public interface ResourceObserver {
  /**
   * @param key namespace/name of the resource
   * @param outcome the Ready reason ({@code Available}, or why not)
   * @param managedCertificateId the SLB certificate it manages, or null
   * @param notAfter when that certificate expires, or null
   * @param deletionBlocked true while SLB refuses its deletion
   */
  void observed(String key, String outcome, String managedCertificateId, Instant notAfter, boolean deletionBlocked);

  /** The resource is gone. */
  void forgotten(String key);

  ResourceObserver NONE = new ResourceObserver() {
    @Override
    public void observed(String key, String outcome, String managedCertificateId, Instant notAfter, boolean deletionBlocked) {}

    @Override
    public void forgotten(String key) {}
  };
}
