package dev.slbcert.slb;

/**
 * Load balancers, HTTPS listeners and domain extensions: what uses certificates. The operator
 * never changes these; the demo and tests set them up with it.
 */
public interface LoadBalancerAdmin {
  String createLoadBalancer(String regionId, String name) throws SlbException;

  void deleteLoadBalancer(String regionId, String loadBalancerId) throws SlbException;

  void createHttpsListener(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException;

  void setListenerCertificate(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException;

  void deleteListener(String regionId, String loadBalancerId, int port) throws SlbException;

  String createDomainExtension(String regionId, String loadBalancerId, int port, String domain, String certificateId) throws SlbException;

  void setDomainExtensionCertificate(String regionId, String domainExtensionId, String certificateId) throws SlbException;

  void deleteDomainExtension(String regionId, String domainExtensionId) throws SlbException;
}
