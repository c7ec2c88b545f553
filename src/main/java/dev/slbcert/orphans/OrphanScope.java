package dev.slbcert.orphans;

/**
 * For which cluster the orphans command acts, and whether it can know which certificates are
 * orphans: only from the cluster itself, where its ServerCertificates can be listed. For any other
 * cluster id every certificate that cluster uploaded is a candidate, and deleting them needs the
 * operator of the command to say that cluster is gone, by naming it.
 */
public final class OrphanScope {
  /** LOCAL: the connected cluster, whose ServerCertificates show which certificates are alive. REMOTE: another. */
  public enum Kind { LOCAL, REMOTE }

  /** The cluster acted for, how, and the reason not to act (null when it may). */
  public record Plan(Kind kind, String clusterId, String refusal) {}

  private OrphanScope() {}

  /**
   * @param option {@code --cluster-id}, or null
   * @param configured SLBCERT_CLUSTER_ID, or null
   * @param connected the UID of the connected cluster's kube-system namespace, or null when it cannot be read
   * @param deleting whether --delete or --delete-released was given
   * @param gone {@code --cluster-gone}, or null
   */
  public static Plan plan(String option, String configured, String connected, boolean deleting, String gone) {
    String target = option != null ? option : configured != null ? configured : connected;
    if (target == null) {
      return new Plan(Kind.REMOTE, null, "the connected cluster's id is unknown (its kube-system namespace cannot be read); give --cluster-id");
    }
    if (target.equals(connected)) {
      return new Plan(Kind.LOCAL, target, null);
    }
    if (deleting && !target.equals(gone)) {
      String how = option != null ? "--cluster-id " + target : "SLBCERT_CLUSTER_ID=" + target;
      return new Plan(Kind.REMOTE, target, how + " is not the cluster the kubeconfig reaches (" + (connected == null ? "its id cannot be read"
          : connected) + "), so whether its ServerCertificates still exist cannot be seen from here, and deleting could take certificates"
          + " that cluster still uses. Run orphans from that cluster; if it is gone for good, say so: --cluster-gone " + target);
    }
    return new Plan(Kind.REMOTE, target, null);
  }
}
