package dev.slbcert.ownership;

import dev.slbcert.status.Conditions;

/**
 * How many released certificates one namespace may leave in one region: {@code deletionPolicy:
 * Retain} keeps a certificate in SLB after its resource is gone, outside every ResourceQuota, so
 * the operator bounds it. Past the limit the resource waits, its certificate kept, until it is let
 * go another way (deletionPolicy Delete) or an administrator deletes released certificates.
 */
public final class RetainLimit {
  public static final int DEFAULT = 10;

  private RetainLimit() {}

  /**
   * @param released certificates of this cluster that the namespace has released in the region (not counting this one)
   * @param limit the most a namespace may hold released in a region (0: Retain never releases)
   */
  public static Verdict mayRelease(long released, int limit, String namespace, String regionId, String certificateId) {
    if (released < limit) {
      return Verdict.ALLOWED;
    }
    return Verdict.refused(Conditions.RETAIN_LIMIT_REACHED, "deletionPolicy Retain would leave SLB certificate " + certificateId
        + " in place, but namespace " + namespace + " already holds " + released + " certificate(s) released that way in " + regionId
        + ", its limit (" + limit + ", SLBCERT_RETAIN_LIMIT); the certificate is kept with this resource. Set spec.deletionPolicy to Delete"
        + " to delete it instead, or ask an administrator to delete released certificates"
        + " (slb-certificate-operator orphans --region " + regionId + " --released-by " + namespace + " --delete-released)");
  }
}
