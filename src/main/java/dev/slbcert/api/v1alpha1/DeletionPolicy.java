package dev.slbcert.api.v1alpha1;

/** What happens to the SLB certificate when the resource is deleted. */
public enum DeletionPolicy {
  /** Delete the SLB certificate (waiting while it is in use). */
  Delete,
  /** Leave the SLB certificate in place. */
  Retain
}
