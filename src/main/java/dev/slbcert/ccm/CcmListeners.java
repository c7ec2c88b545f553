package dev.slbcert.ccm;

/**
 * The listeners ACK's cloud controller manager owns: it writes their Description as
 * {@code k8s/<port>/<service>/<namespace>/<cluster>}, and at its next sync of the Service it sets
 * their certificate back to the Service's cert-id annotation. Only that annotation moves them.
 */
public final class CcmListeners {
  private static final String DESCRIPTION_PREFIX = "k8s/";

  private CcmListeners() {}

  public static boolean isManagedByCcm(String listenerDescription) {
    return listenerDescription != null && listenerDescription.startsWith(DESCRIPTION_PREFIX) && listenerDescription.split("/").length >= 5;
  }
}
