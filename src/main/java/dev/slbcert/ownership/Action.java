package dev.slbcert.ownership;

/** What the operator may do to an SLB certificate on behalf of one ServerCertificate. */
public enum Action {
  /** Take a certificate by id (spec.serverCertificateId): tag it as adopted by this resource. */
  ADOPT,
  /** Upload a certificate of Certificate Management Service (spec.aliCloudCertificate) into SLB. */
  IMPORT,
  /** Change its name. */
  RENAME,
  /** Add, change or remove its tags. */
  RETAG,
  /** Delete it when the resource is deleted (deletionPolicy Delete). */
  DELETE,
  /** Delete it after a renewal replaced it (a retired certificate). */
  DELETE_RETIRED,
  /** Move the listeners and domain extensions that use it to the current certificate (listenerRotation Rebind). */
  MOVE_LISTENERS,
  /** Let it go (deletionPolicy Retain): tag the namespace that released it, then remove the resource's claim. */
  RELEASE,
  /** Delete a copy with the same content as the certificate in use (left by a lost upload answer or a split brain). */
  DELETE_DUPLICATE
}
