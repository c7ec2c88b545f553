package dev.slbcert.reconciler;

import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Changes an SLB certificate's tags (those to set first, then those to remove) and keeps the region's cached listing in step. */
public final class Retagger {
  private final SlbClient slb;
  private final RegionCertificateCache cache;

  public Retagger(SlbClient slb, RegionCertificateCache cache) {
    this.slb = slb;
    this.cache = cache;
  }

  /** @return the certificate with its tags as they are now (the same object when nothing changes) */
  SlbCertificate apply(SlbCertificate certificate, Map<String, String> set, List<String> remove) throws SlbException {
    if (set.isEmpty() && remove.isEmpty()) {
      return certificate;
    }
    if (!set.isEmpty()) {
      slb.tag(certificate.regionId(), certificate.id(), set);
    }
    if (!remove.isEmpty()) {
      slb.untag(certificate.regionId(), certificate.id(), remove);
    }
    Map<String, String> tags = new LinkedHashMap<>(certificate.tags());
    remove.forEach(tags::remove);
    tags.putAll(set);
    SlbCertificate changed = certificate.with(certificate.name(), tags);
    cache.put(changed);
    return changed;
  }
}
