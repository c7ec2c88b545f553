package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ListenerRotation;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.plan.Subject;
import dev.slbcert.slb.SlbRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SLB name and tags a ServerCertificate asks for in this cluster, including its claim
 * ({@link OwnershipTags}). The default name starts with the cluster's name prefix, so that clusters
 * running the same manifests on one account tell their certificates apart in SLB's console.
 */
public final class CertificateNaming {
  private static final int DEFAULT_PREFIX_ID_LENGTH = 8;

  private final String prefix;
  private final String clusterId;

  /**
   * @param configuredPrefix SLBCERT_NAME_PREFIX: null when unset ({@link #prefix}), empty for none
   * @param clusterId this cluster's id, or null when unknown
   */
  public CertificateNaming(String configuredPrefix, String clusterId) {
    this.prefix = prefix(configuredPrefix, clusterId);
    this.clusterId = clusterId;
  }

  /**
   * The prefix of default names: the configured one (empty: none); when none is configured,
   * {@code k8s-} and the first characters of the cluster's id ({@code k8s-3f2a9c1e}), or none
   * when the cluster's id is unknown.
   */
  static String prefix(String configured, String clusterId) {
    if (configured != null) {
      return configured;
    }
    if (clusterId == null) {
      return "";
    }
    String id = clusterId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    return id.isEmpty() ? "" : "k8s-" + id.substring(0, Math.min(DEFAULT_PREFIX_ID_LENGTH, id.length()));
  }

  /** The resource as plans see it: who it is, and the name and tags it asks for. */
  public Subject subject(ServerCertificate resource) {
    var spec = resource.getSpec();
    boolean adopted = spec.getServerCertificateId() != null;
    return new Subject(resource.getMetadata().getUid(), resource.getMetadata().getNamespace(), resource.getMetadata().getName(), clusterId,
        adopted, !adopted || spec.getCertificateName() != null, name(resource), tags(resource),
        spec.getListenerRotation() == ListenerRotation.Rebind);
  }

  /** spec.certificateName, or {@code prefix.namespace.name} made valid for SLB. */
  public String name(ServerCertificate resource) {
    String explicit = resource.getSpec().getCertificateName();
    return explicit != null && !explicit.isBlank() ? explicit : defaultName(prefix, resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  /**
   * spec.tags plus the claim: the owner tag on what the resource uploads, the adopted-by tag on
   * what it adopts by id; and the cluster tag when the cluster's id is known.
   */
  public Map<String, String> tags(ServerCertificate resource) {
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

  static String defaultName(String prefix, String namespace, String name) {
    String joined = (prefix.isEmpty() ? "" : prefix + ".") + namespace + "." + name;
    String candidate = joined.replaceAll("[^A-Za-z0-9._-]", "-");
    if (!Character.isLetter(candidate.charAt(0))) {
      candidate = "k8s-" + candidate;
    }
    if (candidate.length() > SlbRules.MAX_NAME_LENGTH) {
      String hash = sha256((prefix.isEmpty() ? "" : prefix + "/") + namespace + "/" + name).substring(0, 8);
      candidate = candidate.substring(0, SlbRules.MAX_NAME_LENGTH - hash.length() - 1) + "-" + hash;
    }
    return candidate;
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
