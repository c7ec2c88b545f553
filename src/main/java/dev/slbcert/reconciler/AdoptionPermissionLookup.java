package dev.slbcert.reconciler;

import dev.slbcert.ownership.AdoptionPermission;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up a namespace's {@link AdoptionPermission}. Reads the Namespace's label {@value AdoptionPermission#LABEL} each time it is asked (only for a
 * certificate that is to be adopted or imported), so a permission given or taken back counts at
 * once. A Namespace that cannot be read gives no permission. Where tenants may label their own
 * namespaces, the label can be ignored: then only the operator's setting opens a namespace.
 */
public final class AdoptionPermissionLookup {
  private static final Logger LOG = LoggerFactory.getLogger(AdoptionPermissionLookup.class);

  private final KubernetesClient kubernetes;
  private final Set<String> configured;
  private final boolean byLabel;

  /**
   * @param configured the namespaces the operator's setting opens ({@value AdoptionPermission#ALL} for all)
   * @param byLabel whether the Namespace label opens a namespace too
   */
  public AdoptionPermissionLookup(KubernetesClient kubernetes, Set<String> configured, boolean byLabel) {
    this.kubernetes = kubernetes;
    this.configured = configured;
    this.byLabel = byLabel;
  }

  /** What an administrator does to open the namespace, for a refusal's message. */
  public String howToOpen(String namespace) {
    return AdoptionPermission.howToOpen(namespace, byLabel);
  }

  /** Whether the namespace may adopt and import: {@link AdoptionPermission}, from the setting and the Namespace's label. */
  public boolean allowed(String namespace) {
    if (AdoptionPermission.openedBySetting(namespace, configured)) {
      return true;
    }
    if (!byLabel) {
      return false;
    }
    Map<String, String> labels = Map.of();
    try {
      Namespace ns = kubernetes.namespaces().withName(namespace).get();
      if (ns != null && ns.getMetadata().getLabels() != null) {
        labels = ns.getMetadata().getLabels();
      }
    } catch (KubernetesClientException e) {
      LOG.warn("could not read namespace {} for its {} label ({}): adoption is not allowed there", namespace, AdoptionPermission.LABEL, e.getCode());
    }
    return AdoptionPermission.allowed(namespace, labels, configured);
  }
}
