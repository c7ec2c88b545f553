package dev.slbcert.slb;

/**
 * Something that keeps a certificate in use: an HTTPS listener ({@code domainExtensionId} null) or
 * a domain extension of one.
 *
 * @param listenerDescription the listener's Description ("" when it has none): ACK's cloud controller
 *     manager marks its own listeners there
 */
public record CertificateReference(String loadBalancerId, int listenerPort, String domainExtensionId, String domain, String listenerDescription) {

  public CertificateReference {
    listenerDescription = listenerDescription == null ? "" : listenerDescription;
  }

  public CertificateReference(String loadBalancerId, int listenerPort, String domainExtensionId, String domain) {
    this(loadBalancerId, listenerPort, domainExtensionId, domain, "");
  }

  public static CertificateReference listener(String loadBalancerId, int port) {
    return listener(loadBalancerId, port, "");
  }

  public static CertificateReference listener(String loadBalancerId, int port, String description) {
    return new CertificateReference(loadBalancerId, port, null, null, description);
  }

  public static CertificateReference domainExtension(String loadBalancerId, int port, String id, String domain) {
    return new CertificateReference(loadBalancerId, port, id, domain, "");
  }

  public boolean isDomainExtension() {
    return domainExtensionId != null;
  }

  /** {@code lb-x:443} or {@code lb-x:443 domain extension de-y (shop.example.com)}. */
  public String describe() {
    String listener = loadBalancerId + ":" + listenerPort;
    return isDomainExtension() ? listener + " domain extension " + domainExtensionId + " (" + domain + ")" : listener;
  }

  @Override
  public String toString() {
    return describe();
  }
}
