package dev.slbcert.slb.aliyun;

import com.aliyuncs.slb.model.v20140515.CreateDomainExtensionRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerHTTPSListenerRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerRequest;
import com.aliyuncs.slb.model.v20140515.DeleteDomainExtensionRequest;
import com.aliyuncs.slb.model.v20140515.DeleteLoadBalancerListenerRequest;
import com.aliyuncs.slb.model.v20140515.DeleteLoadBalancerRequest;
import com.aliyuncs.slb.model.v20140515.SetDomainExtensionAttributeRequest;
import com.aliyuncs.slb.model.v20140515.SetLoadBalancerHTTPSListenerAttributeRequest;
import dev.slbcert.slb.LoadBalancerAdmin;
import dev.slbcert.slb.SlbException;
import java.util.UUID;

/** Load balancers, HTTPS listeners and domain extensions: what uses certificates. */
final class LoadBalancerCalls implements LoadBalancerAdmin {
  private final SdkCaller sdk;

  LoadBalancerCalls(SdkCaller sdk) {
    this.sdk = sdk;
  }

  @Override
  public String createLoadBalancer(String regionId, String name) throws SlbException {
    String token = UUID.randomUUID().toString();
    return sdk.call(regionId, true, () -> {
      CreateLoadBalancerRequest req = new CreateLoadBalancerRequest();
      req.setLoadBalancerName(name);
      req.setClientToken(token); // makes the retried create idempotent
      return req;
    }).getLoadBalancerId();
  }

  @Override
  public void deleteLoadBalancer(String regionId, String loadBalancerId) throws SlbException {
    sdk.call(regionId, true, () -> {
      DeleteLoadBalancerRequest req = new DeleteLoadBalancerRequest();
      req.setLoadBalancerId(loadBalancerId);
      return req;
    });
  }

  @Override
  public void createHttpsListener(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    sdk.call(regionId, true, () -> {
      CreateLoadBalancerHTTPSListenerRequest req = new CreateLoadBalancerHTTPSListenerRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      req.setBackendServerPort(port);
      req.setBandwidth(-1);
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  @Override
  public void setListenerCertificate(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    sdk.call(regionId, true, () -> {
      SetLoadBalancerHTTPSListenerAttributeRequest req = new SetLoadBalancerHTTPSListenerAttributeRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  @Override
  public void deleteListener(String regionId, String loadBalancerId, int port) throws SlbException {
    sdk.call(regionId, true, () -> {
      DeleteLoadBalancerListenerRequest req = new DeleteLoadBalancerListenerRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      return req;
    });
  }

  @Override
  public String createDomainExtension(String regionId, String loadBalancerId, int port, String domain, String certificateId) throws SlbException {
    return sdk.call(regionId, false, () -> {
      CreateDomainExtensionRequest req = new CreateDomainExtensionRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      req.setDomain(domain);
      req.setServerCertificateId(certificateId);
      return req;
    }).getDomainExtensionId();
  }

  @Override
  public void setDomainExtensionCertificate(String regionId, String domainExtensionId, String certificateId) throws SlbException {
    sdk.call(regionId, true, () -> {
      SetDomainExtensionAttributeRequest req = new SetDomainExtensionAttributeRequest();
      req.setDomainExtensionId(domainExtensionId);
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  @Override
  public void deleteDomainExtension(String regionId, String domainExtensionId) throws SlbException {
    sdk.call(regionId, true, () -> {
      DeleteDomainExtensionRequest req = new DeleteDomainExtensionRequest();
      req.setDomainExtensionId(domainExtensionId);
      return req;
    });
  }
}
