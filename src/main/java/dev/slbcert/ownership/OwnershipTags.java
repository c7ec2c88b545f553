package dev.slbcert.ownership;

import java.util.List;

/** The tags by which the operator marks whose a certificate is: every reserved key is here, and nowhere else. */
public final class OwnershipTags {
  /** Every key the operator reserves starts with this; spec.tags may not use it. */
  public static final String PREFIX = "slbcert.dev/";
  /** The UID of the ServerCertificate that uploaded the certificate (from a Secret or from Certificate Management Service). */
  public static final String OWNER = PREFIX + "owner";
  /** The UID of the ServerCertificate that adopted the certificate by id (it was made by someone else). */
  public static final String ADOPTED_BY = PREFIX + "adopted-by";
  /** The id of the cluster whose operator tagged the certificate (the UID of its kube-system namespace, or SLBCERT_CLUSTER_ID). */
  public static final String CLUSTER = PREFIX + "cluster";
  /**
   * The namespace that released the certificate (deletionPolicy Retain) and when: {@code shop@2026-12-07T15:40:00Z}
   * ({@link Release}). Set before the claim is removed, so a release cut short leaves it attributable.
   */
  public static final String RELEASED_BY = PREFIX + "released-by";
  /** The keys of a resource's claim: removed when the resource lets its certificate go (deletionPolicy Retain); the cluster tag stays. */
  public static final List<String> CLAIM_KEYS = List.of(OWNER, ADOPTED_BY);
  /**
   * How many of SLB's 20 tags the operator may use on one certificate: owner or adopted-by, cluster,
   * and released-by (for a moment both during a release).
   */
  public static final int RESERVED_PER_CERTIFICATE = 3;

  private OwnershipTags() {}

  public static boolean isReserved(String key) {
    return key != null && key.startsWith(PREFIX);
  }
}
