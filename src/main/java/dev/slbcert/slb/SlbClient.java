package dev.slbcert.slb;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SLB server certificates in the operator's terms. Every method throws {@link SlbException} typed
 * by what the caller can do; retryable failures have already been retried.
 */
public interface SlbClient {

  /**
   * Uploads a certificate. Not idempotent: after a failure whose outcome is unknown
   * ({@link SlbException#outcomeUnknown()}) the certificate may exist, so look before uploading
   * again.
   */
  SlbCertificate upload(CertificateUpload upload) throws SlbException;

  Optional<SlbCertificate> find(String regionId, String certificateId) throws SlbException;

  /** Every server certificate of a region, with tags (one call). */
  List<SlbCertificate> list(String regionId) throws SlbException;

  /**
   * Deletes a certificate. {@link SlbException.Kind#NOT_FOUND} when it does not exist,
   * {@link SlbException.Kind#IN_USE} while listeners or domain extensions use it.
   */
  void delete(String regionId, String certificateId) throws SlbException;

  void rename(String regionId, String certificateId, String name) throws SlbException;

  void tag(String regionId, String certificateId, Map<String, String> tags) throws SlbException;

  void untag(String regionId, String certificateId, Collection<String> keys) throws SlbException;

  /**
   * What uses each certificate of a region: HTTPS listeners and domain extensions, found by
   * walking the region's load balancers (one call per load balancer and per HTTPS listener).
   */
  Map<String, List<CertificateReference>> listReferences(String regionId) throws SlbException;

  default List<CertificateReference> findReferences(String regionId, String certificateId) throws SlbException {
    return listReferences(regionId).getOrDefault(certificateId, List.of());
  }

  /** Points an HTTPS listener at another certificate (SLB releases the old one at once). Idempotent. */
  void moveListener(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException;

  /** Points a domain extension at another certificate. Idempotent. */
  void moveDomainExtension(String regionId, String domainExtensionId, String certificateId) throws SlbException;

  /**
   * A view of this client whose mutations pass {@code gate} as late as possible before they are
   * sent (the SDK client asks it for each attempt once the request is signed, right before it goes
   * out).
   */
  SlbClient withWriteGate(WriteGate gate);
}
