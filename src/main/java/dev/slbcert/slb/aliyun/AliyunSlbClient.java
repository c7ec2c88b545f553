package dev.slbcert.slb.aliyun;

import dev.slbcert.slb.CallShare;
import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.LoadBalancerAdmin;
import dev.slbcert.slb.SlbCallListener;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbException;
import dev.slbcert.slb.WriteGate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SLB through the Alibaba Cloud Java SDK. This package is the only code that imports the SDK; this
 * class puts its parts together: {@link SdkCaller} (signing, limits, retries, errors),
 * {@link CertificateCalls}, {@link ReferenceWalk} and {@link LoadBalancerCalls}.
 */
public final class AliyunSlbClient implements SlbClient, LoadBalancerAdmin, AutoCloseable {
  private final SdkCaller sdk;
  private final CertificateCalls certificates;
  private final ReferenceWalk references;
  private final LoadBalancerCalls loadBalancers;
  private final boolean ownsSdk;

  public AliyunSlbClient(SlbClientSettings settings) {
    this(new SdkCaller(settings), true);
  }

  private AliyunSlbClient(SdkCaller sdk, boolean ownsSdk) {
    this.sdk = sdk;
    this.ownsSdk = ownsSdk;
    this.certificates = new CertificateCalls(sdk);
    this.references = new ReferenceWalk(sdk);
    this.loadBalancers = new LoadBalancerCalls(sdk);
  }

  /** A view sharing this client's connection, rate limit and listeners, asking {@code gate} right before each mutation is sent. */
  @Override
  public AliyunSlbClient withWriteGate(WriteGate gate) {
    return new AliyunSlbClient(sdk.gatedBy(gate), false);
  }

  /** Observers of every call (metrics). */
  public AliyunSlbClient addListener(SlbCallListener listener) {
    sdk.addListener(listener);
    return this;
  }

  @Override
  public SlbCertificate upload(CertificateUpload upload) throws SlbException {
    return certificates.upload(upload);
  }

  @Override
  public Optional<SlbCertificate> find(String regionId, String certificateId) throws SlbException {
    return certificates.describe(regionId, certificateId).stream().filter(c -> c.id().equals(certificateId)).findFirst();
  }

  @Override
  public List<SlbCertificate> list(String regionId) throws SlbException {
    // a region's listing serves every namespace: it comes from a share of its own, not the asker's
    return CallShare.with(CallShare.REGION_LISTING, () -> certificates.describe(regionId, null));
  }

  @Override
  public void delete(String regionId, String certificateId) throws SlbException {
    certificates.delete(regionId, certificateId);
  }

  @Override
  public void rename(String regionId, String certificateId, String name) throws SlbException {
    certificates.rename(regionId, certificateId, name);
  }

  @Override
  public void tag(String regionId, String certificateId, Map<String, String> tags) throws SlbException {
    certificates.tag(regionId, certificateId, tags);
  }

  @Override
  public void untag(String regionId, String certificateId, Collection<String> keys) throws SlbException {
    certificates.untag(regionId, certificateId, keys);
  }

  @Override
  public Map<String, List<CertificateReference>> listReferences(String regionId) throws SlbException {
    return references.listReferences(regionId);
  }

  @Override
  public void moveListener(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    loadBalancers.setListenerCertificate(regionId, loadBalancerId, port, certificateId);
  }

  @Override
  public void moveDomainExtension(String regionId, String domainExtensionId, String certificateId) throws SlbException {
    loadBalancers.setDomainExtensionCertificate(regionId, domainExtensionId, certificateId);
  }

  @Override
  public String createLoadBalancer(String regionId, String name) throws SlbException {
    return loadBalancers.createLoadBalancer(regionId, name);
  }

  @Override
  public void deleteLoadBalancer(String regionId, String loadBalancerId) throws SlbException {
    loadBalancers.deleteLoadBalancer(regionId, loadBalancerId);
  }

  @Override
  public void createHttpsListener(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    loadBalancers.createHttpsListener(regionId, loadBalancerId, port, certificateId);
  }

  @Override
  public void setListenerCertificate(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    loadBalancers.setListenerCertificate(regionId, loadBalancerId, port, certificateId);
  }

  @Override
  public void deleteListener(String regionId, String loadBalancerId, int port) throws SlbException {
    loadBalancers.deleteListener(regionId, loadBalancerId, port);
  }

  @Override
  public String createDomainExtension(String regionId, String loadBalancerId, int port, String domain, String certificateId) throws SlbException {
    return loadBalancers.createDomainExtension(regionId, loadBalancerId, port, domain, certificateId);
  }

  @Override
  public void setDomainExtensionCertificate(String regionId, String domainExtensionId, String certificateId) throws SlbException {
    loadBalancers.setDomainExtensionCertificate(regionId, domainExtensionId, certificateId);
  }

  @Override
  public void deleteDomainExtension(String regionId, String domainExtensionId) throws SlbException {
    loadBalancers.deleteDomainExtension(regionId, domainExtensionId);
  }

  @Override
  public void close() {
    if (ownsSdk) {
      sdk.close();
    }
  }
}
