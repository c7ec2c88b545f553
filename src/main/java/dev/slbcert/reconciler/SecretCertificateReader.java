package dev.slbcert.reconciler;

import dev.slbcert.status.Conditions;
import dev.slbcert.tls.CertificateBundle;
import dev.slbcert.tls.CertificateDetails;
import dev.slbcert.tls.CertificateProblem;
import dev.slbcert.tls.InputLimits;
import dev.slbcert.tls.InvalidCertificateException;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Reads and checks the certificate and key of a kubernetes.io/tls Secret. */
public final class SecretCertificateReader {
  static final String TLS_TYPE = "kubernetes.io/tls";
  static final int MAX_SECRET_BYTES = 1024 * 1024;

  private final Clock clock;

  public SecretCertificateReader(Clock clock) {
    this.clock = clock;
  }

  /** PEM text and what the leaf certificate says; never logged, never in a message. */
  record SecretPem(String certificatePem, String privateKeyPem, CertificateDetails details) {
    @Override
    public String toString() {
      return "SecretPem[fingerprint=" + details.fingerprint() + "]";
    }
  }

  /** Secrets whose content was refused, by namespace/name, with the version refused: not read or parsed again until it changes. */
  private final Map<String, Rejection> rejected = new ConcurrentHashMap<>();

  private record Rejection(String resourceVersion, ReconcileFailure failure) {}

  /** The refusal of this version of a Secret, when its content was refused before: it need not be read again. */
  Optional<ReconcileFailure> refusedBefore(String namespace, String name, String resourceVersion) {
    Rejection rejection = rejected.get(namespace + "/" + name);
    return rejection != null && resourceVersion != null && resourceVersion.equals(rejection.resourceVersion())
        ? Optional.of(rejection.failure()) : Optional.empty();
  }

  SecretPem read(Secret secret) throws ReconcileFailure {
    String key = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    CertificateDetails details;
    String certificatePem;
    String keyPem;
    try {
      requireTlsSecret(secret);
      certificatePem = decode(secret, "tls.crt", InputLimits.MAX_CERTIFICATE_PEM_BYTES);
      keyPem = decode(secret, "tls.key", InputLimits.MAX_KEY_PEM_BYTES);
      details = parse(secret.getMetadata().getName(), certificatePem, keyPem);
    } catch (ReconcileFailure refused) {
      rejected.put(key, new Rejection(secret.getMetadata().getResourceVersion(), refused));
      throw refused;
    }
    rejected.remove(key);
    return checkValidity(secret.getMetadata().getName(), certificatePem, keyPem, details);
  }

  /** The content checks: what a Secret's version holds, whatever the time. */
  private static CertificateDetails parse(String name, String certificatePem, String keyPem) throws ReconcileFailure {
    try {
      InputLimits.require(certificatePem, keyPem);
      return CertificateBundle.parse(certificatePem, keyPem).details();
    } catch (InvalidCertificateException e) {
      throw ReconcileFailure.definite(reason(e.problem()), "Secret " + name + ": " + e.getMessage());
    }
  }

  private static void requireTlsSecret(Secret secret) throws ReconcileFailure {
    String name = secret.getMetadata().getName();
    if (!TLS_TYPE.equals(secret.getType())) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET, "Secret " + name + " is of type " + secret.getType() + "; it must be of type " + TLS_TYPE);
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    long size = data.values().stream().mapToLong(v -> v == null ? 0 : v.length() * 3L / 4).sum();
    if (size > MAX_SECRET_BYTES) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET, "Secret " + name + " holds more than 1 MiB of data");
    }
  }

  /** The checks that depend on the time: not after a version's content checks were made once. */
  private SecretPem checkValidity(String name, String certificatePem, String keyPem, CertificateDetails details) throws ReconcileFailure {
    Instant now = clock.instant();
    if (details.isExpiredAt(now)) {
      throw ReconcileFailure.definite(Conditions.CERTIFICATE_EXPIRED,
          "the certificate in Secret " + name + " expired at " + details.notAfter() + "; renew it");
    }
    if (details.isNotYetValidAt(now)) {
      throw ReconcileFailure.definite(Conditions.INVALID_CERTIFICATE,
          "the certificate in Secret " + name + " is not valid before " + details.notBefore());
    }
    return new SecretPem(certificatePem, keyPem, details);
  }

  private static String reason(CertificateProblem problem) {
    return switch (problem) {
      case TOO_LARGE -> Conditions.INPUT_TOO_LARGE;
      case UNSUPPORTED_KEY_TYPE, UNSUPPORTED_KEY_SIZE -> Conditions.UNSUPPORTED_KEY;
      default -> Conditions.INVALID_CERTIFICATE;
    };
  }

  /** A key's PEM text, refused before it is decoded when its base64 is longer than the PEM's limit allows. */
  private static String decode(Secret secret, String key, int limit) throws ReconcileFailure {
    String secretName = secret.getMetadata().getName();
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    if (encoded == null || encoded.isEmpty()) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET, "Secret " + secretName + " has no " + key);
    }
    if (encoded.length() / 4L * 3 > limit + 2) { // refused before it is decoded
      throw ReconcileFailure.definite(Conditions.INPUT_TOO_LARGE, "Secret " + secretName + ": " + key + " is about "
          + encoded.length() / 4L * 3 / 1024 + " KiB; the limit is " + limit / 1024 + " KiB");
    }
    try {
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET, "Secret " + secretName + ": " + key + " is not valid base64");
    }
  }

  /** The Secret a resource references, read from the API (the informer keeps no Secret data). Only ever in the resource's namespace. */
  static Secret referenced(KubernetesClient kubernetes, ServerCertificate resource) throws ReconcileFailure {
    String name = resource.getSpec().getSecretRef().getName();
    String namespace = resource.getMetadata().getNamespace();
    Secret secret = kubernetes.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw ReconcileFailure.definite(Conditions.SECRET_NOT_FOUND,
          "Secret " + name + " not found in namespace " + namespace + "; create it (type kubernetes.io/tls) and the certificate will be uploaded");
    }
    return secret;
  }
}
