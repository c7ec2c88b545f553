package dev.slbcert.plan;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.ccm.CcmListeners;
import dev.slbcert.slb.CertificateReference;

/** A listener or domain extension that uses a certificate, as status shows it and as SLB names it. */
public final class Uses {
  private Uses() {}

  public static CertificateUse of(CertificateReference r) {
    return new CertificateUse(r.loadBalancerId(), r.listenerPort(), r.domainExtensionId(), r.domain())
        .managedByCcm(!r.isDomainExtension() && CcmListeners.isManagedByCcm(r.listenerDescription()));
  }

  public static CertificateReference reference(CertificateUse use) {
    return new CertificateReference(use.getLoadBalancerId(), use.getListenerPort(), use.getDomainExtensionId(), use.getDomain());
  }

  /** {@code lb-...:443}, or the domain extension's domain on it. */
  public static String describe(CertificateUse use) {
    return reference(use).describe();
  }
}
