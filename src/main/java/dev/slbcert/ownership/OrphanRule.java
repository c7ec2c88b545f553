package dev.slbcert.ownership;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Whether a certificate is an orphan of this cluster, and whether the orphans command may delete it. */
public final class OrphanRule {
  /** What the orphans command makes of one certificate. */
  public enum Finding {
    /** Not this cluster's, not uploaded by a ServerCertificate, or its ServerCertificate exists: never listed. */
    NOT_AN_ORPHAN,
    /** Created within the grace period (its ServerCertificate may not be visible yet): not listed. */
    TOO_YOUNG,
    /** An orphan that listeners or domain extensions still use: listed, kept. */
    IN_USE,
    /** An orphan nothing uses: listed, deleted with --delete. */
    DELETABLE
  }

  private OrphanRule() {}

  /**
   * An orphan was uploaded by a ServerCertificate of this cluster (owner and cluster tags, the
   * same claim {@link Ownership#classify} gives its owner) that no longer exists. Adopted
   * certificates were made by someone else and are never orphans; a certificate released by a
   * resource deleted with deletionPolicy Retain has no tags left and is not one either.
   *
   * @param created when SLB made it (null when unknown: treated as too young)
   */
  public static Finding judge(Map<String, String> tags, String clusterId, Set<String> liveOwners, Instant created, Instant now, Duration grace,
      boolean inUse) {
    String owner = tags.get(OwnershipTags.OWNER);
    if (owner == null || clusterId == null || !clusterId.equals(tags.get(OwnershipTags.CLUSTER))
        || Ownership.classify(tags, owner, clusterId) != Claim.OURS || liveOwners.contains(owner)) {
      return Finding.NOT_AN_ORPHAN;
    }
    if (created == null || Duration.between(created, now).compareTo(grace) < 0) {
      return Finding.TOO_YOUNG;
    }
    return inUse ? Finding.IN_USE : Finding.DELETABLE;
  }
}
