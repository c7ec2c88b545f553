package dev.slbcert.ownership;

/** Whose a certificate is, seen from one ServerCertificate, as the certificate's tags say. */
public enum Claim {
  /** This resource uploaded it: its owner tag names this resource (in this cluster). */
  OURS,
  /** This resource adopted it by id: its adopted-by tag names this resource (in this cluster). */
  ADOPTED,
  /** Made by another tool (the console, Terraform): no owner, adopted-by or cluster tag. */
  FOREIGN,
  /** Let go by a resource deleted with deletionPolicy Retain: a released-by tag, and no owner or adopted-by tag. */
  RELEASED,
  /** Another ServerCertificate's: its owner or adopted-by tag names another resource. */
  OTHER_RESOURCE,
  /** Tagged by the operator of another cluster (or of a cluster, where this one's id is unknown). */
  OTHER_CLUSTER
}
