package dev.slbcert.ownership;

import java.util.Map;
import java.util.Set;

/**
 * Whether a namespace may adopt certificates made outside the operator and import certificates of
 * Certificate Management Service: an administrator opens it with the Namespace label
 * {@value #LABEL}={@value #ALLOWED}, or names it in the operator's setting (for clusters with one
 * tenant; {@value #ALL} opens every namespace).
 */
public final class AdoptionPermission {
  public static final String LABEL = "slbcert.dev/adoption";
  public static final String ALLOWED = "allowed";
  /** In the setting: every namespace may adopt. */
  public static final String ALL = "*";

  private AdoptionPermission() {}

  /**
   * @param namespaceLabels the labels of the namespace (empty when it could not be read)
   * @param configured the namespaces the setting opens ({@value #ALL} for all)
   */
  public static boolean allowed(String namespace, Map<String, String> namespaceLabels, Set<String> configured) {
    return openedBySetting(namespace, configured) || ALLOWED.equals(namespaceLabels.get(LABEL));
  }

  /**
   * What an administrator does to open the namespace, for a refusal's message.
   *
   * @param byLabel whether the operator honours the Namespace label (false: only its setting opens a namespace)
   */
  public static String howToOpen(String namespace, boolean byLabel) {
    return byLabel
        ? "kubectl label namespace " + namespace + " " + LABEL + "=" + ALLOWED + " (or the operator's adoption.namespaces setting)"
        : "add it to the operator's adoption.namespaces setting (SLBCERT_ADOPTION_NAMESPACES; this operator does not honour the Namespace label "
            + LABEL + ")";
  }

  /** Whether the setting alone opens the namespace (then its Namespace need not be read). */
  public static boolean openedBySetting(String namespace, Set<String> configured) {
    return configured.contains(ALL) || configured.contains(namespace);
  }
}
