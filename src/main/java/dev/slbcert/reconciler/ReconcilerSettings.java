package dev.slbcert.reconciler;

import java.time.Duration;
import java.util.Set;

/**
 * Timing of the reconciler.
 *
 * @param resyncInterval how often each resource is checked against SLB (and how long a region's
 *     certificate listing is shared)
 * @param retryFirst first wait after a fault or a blocked deletion (then doubling)
 * @param retryMax longest wait between retries
 * @param referenceCacheAge how long one walk of a region's listeners is reused
 * @param uploadSettleTime after an upload whose answer was lost, how long to keep looking for its
 *     result before uploading again
 * @param expiryWarning a managed certificate that expires within this gets an ExpiringSoon Warning Event a day
 * @param clusterId this cluster's id, tagged on every certificate made or adopted (null: no cluster tag)
 * @param adoptionNamespaces namespaces that may adopt and import besides those labelled slbcert.dev/adoption=allowed ("*": all)
 * @param clusterRegion the cluster's region (where ACK's cloud controller manager looks certificates up), or null when unknown
 * @param adoptionByLabel whether the Namespace label slbcert.dev/adoption=allowed opens a namespace (false: only {@code adoptionNamespaces} does)
 * @param retainLimit how many released certificates a namespace may leave per region (deletionPolicy Retain)
 * @param namePrefix the prefix of default certificate names (null: derived from the cluster's id, see {@link CertificateNaming}; empty: none)
 */
public record ReconcilerSettings(Duration resyncInterval, Duration retryFirst, Duration retryMax, Duration referenceCacheAge, Duration uploadSettleTime,
    Duration expiryWarning, String clusterId, Set<String> adoptionNamespaces, String clusterRegion, boolean adoptionByLabel, int retainLimit,
    String namePrefix) {

  public ReconcilerSettings {
    adoptionNamespaces = adoptionNamespaces == null ? Set.of() : Set.copyOf(adoptionNamespaces);
  }
  public static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(14);
  /** The longest wait between two looks at a retired certificate still in use, in the minutes after its renewal. */
  public static final Duration RETIRED_RECHECK_LIMIT = Duration.ofSeconds(30);

  /** {@link #RETIRED_RECHECK_LIMIT}, or {@code retryMax} when that is shorter (see {@link RetiredRecheck}). */
  public Duration retiredRecheckLimit() {
    return retryMax.compareTo(RETIRED_RECHECK_LIMIT) < 0 ? retryMax : RETIRED_RECHECK_LIMIT;
  }

  /** With the default expiry warning (14 days). */
  public ReconcilerSettings(Duration resyncInterval, Duration retryFirst, Duration retryMax, Duration referenceCacheAge, Duration uploadSettleTime) {
    this(resyncInterval, retryFirst, retryMax, referenceCacheAge, uploadSettleTime, DEFAULT_EXPIRY_WARNING, null, Set.of(), null, true,
        dev.slbcert.ownership.RetainLimit.DEFAULT, null);
  }

  /** The same, for the cluster with this id. */
  public ReconcilerSettings withClusterId(String id) {
    return new ReconcilerSettings(resyncInterval, retryFirst, retryMax, referenceCacheAge, uploadSettleTime, expiryWarning, id, adoptionNamespaces, clusterRegion,
        adoptionByLabel, retainLimit, namePrefix);
  }

  /** The same, with these namespaces open to adoption ("*": all). */
  public ReconcilerSettings withAdoptionNamespaces(Set<String> namespaces) {
    return new ReconcilerSettings(resyncInterval, retryFirst, retryMax, referenceCacheAge, uploadSettleTime, expiryWarning, clusterId, namespaces, clusterRegion,
        adoptionByLabel, retainLimit, namePrefix);
  }

  /** The same, in a cluster of this region. */
  public ReconcilerSettings withClusterRegion(String region) {
    return new ReconcilerSettings(resyncInterval, retryFirst, retryMax, referenceCacheAge, uploadSettleTime, expiryWarning, clusterId,
        adoptionNamespaces, region, adoptionByLabel, retainLimit, namePrefix);
  }

  /** The same, with the Namespace label opening namespaces to adoption or not. */
  public ReconcilerSettings withAdoptionByLabel(boolean byLabel) {
    return new ReconcilerSettings(resyncInterval, retryFirst, retryMax, referenceCacheAge, uploadSettleTime, expiryWarning, clusterId,
        adoptionNamespaces, clusterRegion, byLabel, retainLimit, namePrefix);
  }

  /** The same, with this many released certificates allowed per namespace and region (deletionPolicy Retain). */
  public ReconcilerSettings withRetainLimit(int limit) {
    return new ReconcilerSettings(resyncInterval, retryFirst, retryMax, referenceCacheAge, uploadSettleTime, expiryWarning, clusterId,
        adoptionNamespaces, clusterRegion, adoptionByLabel, limit, namePrefix);
  }

  /** The same, with this prefix of default certificate names (null: derived from the cluster's id; empty: none). */
  public ReconcilerSettings withNamePrefix(String prefix) {
    return new ReconcilerSettings(resyncInterval, retryFirst, retryMax, referenceCacheAge, uploadSettleTime, expiryWarning, clusterId,
        adoptionNamespaces, clusterRegion, adoptionByLabel, retainLimit, prefix);
  }

  /** How this cluster names and tags certificates. */
  public CertificateNaming naming() {
    return new CertificateNaming(namePrefix, clusterId);
  }

  public static ReconcilerSettings defaults() {
    return new ReconcilerSettings(Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(15), Duration.ofSeconds(30));
  }
}
