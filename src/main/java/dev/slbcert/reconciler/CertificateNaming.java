package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.slb.SlbRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SLB name and tags a ServerCertificate asks for, including the ownership tag. */
public final class CertificateNaming {
  /** Tag that marks a certificate as managed by the ServerCertificate with this UID. */
  public static final String OWNER_TAG = "slbcert.dev/owner";
  /** Tag that marks a certificate as made or adopted by the operator of this cluster (its id). */
  public static final String CLUSTER_TAG = "slbcert.dev/cluster";
  /** Tags the operator itself adds (counted against SLB's 20). */
  public static final int RESERVED_TAGS = 2;

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

  /** spec.tags plus the ownership tag, and the cluster tag when the cluster's id is known. */
  public static Map<String, String> desiredTags(ServerCertificate resource, String clusterId) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (resource.getSpec().getTags() != null) {
      tags.putAll(resource.getSpec().getTags());
    }
    tags.put(OWNER_TAG, resource.getMetadata().getUid());
    if (clusterId != null) {
      tags.put(CLUSTER_TAG, clusterId);
    }
    return tags;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
