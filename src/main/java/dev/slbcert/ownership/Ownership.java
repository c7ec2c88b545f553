package dev.slbcert.ownership;

import dev.slbcert.status.Conditions;
import java.util.Map;

/**
 * Whose a certificate is, and what a ServerCertificate may do to it: the one place of these rules.
 * The reconciler, the deletion path, listener rebinding and the orphans command all ask here.
 *
 * <ol>
 *   <li>A certificate whose cluster tag names another cluster is that cluster's; where this
 *       cluster's id is unknown, any cluster tag is another cluster's.</li>
 *   <li>A certificate with neither an owner nor an adopted-by tag is released when it carries a
 *       released-by tag (a resource deleted with deletionPolicy Retain let it go, in whichever
 *       cluster), foreign otherwise (made by another tool). Either may be adopted with the
 *       namespace's permission, and neither is changed otherwise.</li>
 *   <li>The owner tag names the resource that uploaded it; the adopted-by tag the resource that
 *       adopted it. Any other UID there is another resource's, live or not.</li>
 *   <li>A resource renames, retags, deletes and releases only what it uploaded or adopted; it
 *       deletes a retired certificate or a duplicate, and moves listeners off one, only when it
 *       uploaded it.</li>
 *   <li>Adopting a foreign certificate, or importing one of Certificate Management Service, needs
 *       the namespace's permission; another resource's or another cluster's is never taken.</li>
 *   <li>A certificate released by a resource of this namespace in this cluster is taken back,
 *       without permission, by a resource that would otherwise upload the same certificate under
 *       the same name: what a restore, a GitOps re-creation or a move between namespaces'
 *       resources does ({@link #takesBack}).</li>
 * </ol>
 * Refusals name no other namespace: the certificate's id and its tags are all they say.
 */
public final class Ownership {
  private Ownership() {}

  /**
   * @param tags the certificate's tags
   * @param uid the UID of the ServerCertificate asking
   * @param clusterId this cluster's id, or null when unknown
   */
  public static Claim classify(Map<String, String> tags, String uid, String clusterId) {
    String owner = tags.get(OwnershipTags.OWNER);
    String adopter = tags.get(OwnershipTags.ADOPTED_BY);
    if (owner == null && adopter == null && tags.containsKey(OwnershipTags.RELEASED_BY)) {
      return Claim.RELEASED;
    }
    String cluster = tags.get(OwnershipTags.CLUSTER);
    if (cluster != null && !cluster.equals(clusterId)) {
      return Claim.OTHER_CLUSTER;
    }
    if (owner == null && adopter == null) {
      return Claim.FOREIGN;
    }
    if (uid.equals(owner)) {
      return Claim.OURS;
    }
    if (owner == null && uid.equals(adopter)) {
      return Claim.ADOPTED;
    }
    return Claim.OTHER_RESOURCE;
  }

  /**
   * Whether a resource of {@code namespace}, about to upload a certificate, takes back instead a
   * certificate with these tags: released (no claim, a released-by tag) by a resource of the same
   * namespace in this cluster. The caller has found it holds the same content under the same name.
   *
   * @param clusterId this cluster's id, or null when unknown
   */
  public static boolean takesBack(Map<String, String> tags, String namespace, String clusterId) {
    return Release.of(tags, clusterId).filter(release -> release.namespace().equals(namespace)).isPresent();
  }

  /**
   * @param adoptionAllowed whether the resource's namespace may adopt and import (see {@link AdoptionPermission})
   * @param namespace the resource's namespace (for the command an administrator runs to allow adoption)
   * @param certificateId the certificate's id, for the message (or the Certificate Management Service id for IMPORT)
   */
  public static Verdict may(Claim claim, Action action, boolean adoptionAllowed, String namespace, String certificateId) {
    return may(claim, action, adoptionAllowed, namespace, certificateId, AdoptionPermission.howToOpen(namespace, true));
  }

  /** The same, with what an administrator does to open the namespace ({@link AdoptionPermission#howToOpen}) in a refusal's message. */
  public static Verdict may(Claim claim, Action action, boolean adoptionAllowed, String namespace, String certificateId, String howToOpen) {
    return switch (claim) {
      case OURS -> Verdict.ALLOWED;
      case ADOPTED -> switch (action) {
        case DELETE_RETIRED, MOVE_LISTENERS, DELETE_DUPLICATE -> Verdict.refused(Conditions.NOT_OWNED,
            "SLB certificate " + certificateId + " was adopted, not uploaded, by this resource: it is not deleted as retired or duplicate,"
                + " nor are listeners moved off it");
        default -> Verdict.ALLOWED;
      };
      case FOREIGN, RELEASED -> switch (action) {
        case ADOPT, IMPORT -> adoptionAllowed ? Verdict.ALLOWED : Verdict.refused(Conditions.ADOPTION_NOT_ALLOWED,
            (action == Action.ADOPT ? "adopting SLB certificate " + certificateId : "importing certificate " + certificateId
                + " of Certificate Management Service") + " needs an administrator's permission for namespace " + namespace
                + ": " + howToOpen + "; nothing was changed in SLB");
        default -> Verdict.refused(Conditions.NOT_OWNED, "SLB certificate " + certificateId
            + (claim == Claim.RELEASED ? " was released (deletionPolicy Retain) and is no resource's" : " was not made or adopted by this resource")
            + "; it is left as it is");
      };
      case OTHER_RESOURCE -> Verdict.refused(Conditions.OWNED_BY_ANOTHER_RESOURCE, "SLB certificate " + certificateId
          + " belongs to another ServerCertificate (tag " + OwnershipTags.OWNER + " or " + OwnershipTags.ADOPTED_BY
          + "); a certificate is managed by one ServerCertificate only, so nothing was changed in SLB");
      case OTHER_CLUSTER -> Verdict.refused(Conditions.OWNED_BY_ANOTHER_CLUSTER, "SLB certificate " + certificateId
          + " is managed by the operator of another cluster (tag " + OwnershipTags.CLUSTER + "); nothing was changed in SLB");
    };
  }
}
