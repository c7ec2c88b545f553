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
  /** The keys of a claim: removed together when a resource lets its certificate go (deletionPolicy Retain). */
  public static final List<String> CLAIM_KEYS = List.of(OWNER, ADOPTED_BY, CLUSTER);
  /** How many of SLB's 20 tags the operator uses on one certificate (owner or adopted-by, and cluster). */
  public static final int RESERVED_PER_CERTIFICATE = 2;

  private OwnershipTags() {}

  public static boolean isReserved(String key) {
    return key != null && key.startsWith(PREFIX);
  }
}
