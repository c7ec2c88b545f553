package dev.slbcert.slb;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A server certificate as SLB reports it.
 *
 * @param aliCloudCertificateId the Certificate Management Service id it was imported from, or null
 * @param createTime when SLB made it, or null when not known
 */
public record SlbCertificate(
    String id,
    String name,
    String regionId,
    String fingerprint,
    String commonName,
    List<String> subjectAlternativeNames,
    Instant expireTime,
    String resourceGroupId,
    Map<String, String> tags,
    String aliCloudCertificateId,
    Instant createTime) {

  public SlbCertificate {
    subjectAlternativeNames = subjectAlternativeNames == null ? List.of() : List.copyOf(subjectAlternativeNames);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** The same certificate with this name and these tags. */
  public SlbCertificate with(String newName, Map<String, String> newTags) {
    return new SlbCertificate(id, newName, regionId, fingerprint, commonName, subjectAlternativeNames, expireTime, resourceGroupId, newTags,
        aliCloudCertificateId, createTime);
  }
}
