package dev.slbcert.plan;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbCertificate;
import java.util.List;
import java.util.Map;

/** One thing a plan asks to be done for one resource: an SLB write, or an Event that writes nothing. */
public sealed interface Step {
  /**
   * Upload a certificate: the Secret's content, or a certificate of Certificate Management Service
   * ({@code importedId}). {@code recreatesId}: the certificate status names, deleted outside the
   * operator, which this upload replaces.
   */
  record Upload(CertificateUpload upload, String fingerprint, String recreatesId, String importedId) implements Step {}

  /** Rename the certificate in use, {@code id}, from {@code from} to {@code to}. */
  record Rename(String id, String from, String to) implements Step {}

  /** Set, then remove, tags of the certificate in use, {@code id}. */
  record Retag(String id, Map<String, String> set, List<String> remove) implements Step {}

  /** Delete {@code id}, a copy of the certificate in use ({@code currentId}) with the same content. */
  record DeleteDuplicate(String id, String currentId) implements Step {}

  /**
   * Delete a certificate a renewal replaced. When SLB refuses because listeners use it and
   * {@code mayMoveListeners}, {@link UpkeepPlan#afterRefusal} says what comes next.
   */
  record DeleteRetired(RetiredCertificate retired, String currentId, boolean mayMoveListeners) implements Step {}

  /** Move a listener or domain extension that uses a retired certificate to the one in use ({@code currentId}): listenerRotation Rebind. */
  record MoveListener(RetiredCertificate retired, String currentId, CertificateUse use) implements Step {}

  /** Delete {@code certificate}: its resource is being deleted (deletionPolicy Delete). */
  record Delete(SlbCertificate certificate) implements Step {}

  /** Let {@code certificate} go: its resource is being deleted with deletionPolicy Retain. */
  record Release(SlbCertificate certificate) implements Step {}

  /** An Event (Warning when {@code warning}) and nothing else. */
  record Notice(String reason, String message, boolean warning) implements Step {}
}
