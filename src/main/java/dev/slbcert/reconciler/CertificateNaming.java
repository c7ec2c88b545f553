package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.SlbRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SLB name and tags a ServerCertificate asks for, including its claim ({@link OwnershipTags}). */
public final class CertificateNaming {

  private CertificateNaming() {}

  /** spec.certificateName, or {@code namespace.name} made valid for SLB. */
  public static String desiredName(ServerCertificate resource) {
    String explicit = resource.getSpec().getCertificateName();
    return explicit != null && !explicit.isBlank() ? explicit : defaultName(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  static String defaultName(String namespace, String name) {
    String candidate = (namespace + "." + name).replaceAll("[^A-Za-z0-9._-]", "-");
    if (!Character.isLetter(candidate.charAt(0))) {
      candidate = "k8s-" + candidate;
    }
    if (candidate.length() > SlbRules.MAX_NAME_LENGTH) {
      String hash = sha256(namespace + "/" + name).substring(0, 8);
      candidate = candidate.substring(0, SlbRules.MAX_NAME_LENGTH - hash.length() - 1) + "-" + hash;
    }
    return candidate;
  }

  /**
   * spec.tags plus the claim: the owner tag on what the resource uploads, the adopted-by tag on
   * what it adopts by id; and the cluster tag when the cluster's id is known.
   */
  public static Map<String, String> desiredTags(ServerCertificate resource, String clusterId) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (resource.getSpec().getTags() != null) {
      tags.putAll(resource.getSpec().getTags());
    }
    tags.put(claimTag(resource), resource.getMetadata().getUid());
    if (clusterId != null) {
      tags.put(OwnershipTags.CLUSTER, clusterId);
    }
    return tags;
  }

  /** The tag that names this resource on its certificate: adopted-by for an adoption by id, owner otherwise. */
  public static String claimTag(ServerCertificate resource) {
    return resource.getSpec().getServerCertificateId() != null ? OwnershipTags.ADOPTED_BY : OwnershipTags.OWNER;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
