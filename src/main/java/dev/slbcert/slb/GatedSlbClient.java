package dev.slbcert.slb;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Any SlbClient behind a {@link WriteGate}: every mutation passes the gate first; reads go straight through. */
final class GatedSlbClient implements SlbClient {
  private final SlbClient slb;
  private final WriteGate gate;

  GatedSlbClient(SlbClient slb, WriteGate gate) {
    this.slb = slb;
    this.gate = gate;
  }

  @Override
  public SlbCertificate upload(CertificateUpload upload) throws SlbException {
    gate.beforeSend("UploadServerCertificate " + upload.name());
    return slb.upload(upload);
  }

  @Override
  public Optional<SlbCertificate> find(String regionId, String certificateId) throws SlbException {
    return slb.find(regionId, certificateId);
  }

  @Override
  public List<SlbCertificate> list(String regionId) throws SlbException {
    return slb.list(regionId);
  }

  @Override
  public void delete(String regionId, String certificateId) throws SlbException {
    gate.beforeSend("DeleteServerCertificate " + certificateId);
    slb.delete(regionId, certificateId);
  }

  @Override
  public void rename(String regionId, String certificateId, String name) throws SlbException {
    gate.beforeSend("SetServerCertificateName " + certificateId);
    slb.rename(regionId, certificateId, name);
  }

  @Override
  public void tag(String regionId, String certificateId, Map<String, String> tags) throws SlbException {
    gate.beforeSend("TagResources " + certificateId);
    slb.tag(regionId, certificateId, tags);
  }

  @Override
  public void untag(String regionId, String certificateId, Collection<String> keys) throws SlbException {
    gate.beforeSend("UntagResources " + certificateId);
    slb.untag(regionId, certificateId, keys);
  }

  @Override
  public Map<String, List<CertificateReference>> listReferences(String regionId) throws SlbException {
    return slb.listReferences(regionId);
  }

  @Override
  public void moveListener(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    gate.beforeSend("SetLoadBalancerHTTPSListenerAttribute " + loadBalancerId + ":" + port);
    slb.moveListener(regionId, loadBalancerId, port, certificateId);
  }

  @Override
  public void moveDomainExtension(String regionId, String domainExtensionId, String certificateId) throws SlbException {
    gate.beforeSend("SetDomainExtensionAttribute " + domainExtensionId);
    slb.moveDomainExtension(regionId, domainExtensionId, certificateId);
  }
}
