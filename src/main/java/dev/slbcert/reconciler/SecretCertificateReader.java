package dev.slbcert.reconciler;

import dev.slbcert.status.Conditions;
import dev.slbcert.tls.CertificateBundle;
import dev.slbcert.tls.CertificateDetails;
import dev.slbcert.tls.InvalidCertificateException;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Reads and checks the certificate and key of a kubernetes.io/tls Secret. */
final class SecretCertificateReader {
  static final String TLS_TYPE = "kubernetes.io/tls";
  static final int MAX_SECRET_BYTES = 1024 * 1024;

  private final Clock clock;

  SecretCertificateReader(Clock clock) {
    this.clock = clock;
  }

  /** PEM text and what the leaf certificate says; never logged, never in a message. */
  record SecretPem(String certificatePem, String privateKeyPem, CertificateDetails details) {
    @Override
    public String toString() {
      return "SecretPem[fingerprint=" + details.fingerprint() + "]";
    }
  }

  SecretPem read(Secret secret) throws ReconcileFailure {
    String name = secret.getMetadata().getName();
    if (!TLS_TYPE.equals(secret.getType())) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET,
          "Secret " + name + " is of type " + secret.getType() + "; it must be of type " + TLS_TYPE);
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    long size = data.values().stream().mapToLong(v -> v == null ? 0 : v.length() * 3L / 4).sum();
    if (size > MAX_SECRET_BYTES) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET, "Secret " + name + " holds more than 1 MiB of data");
    }
    String certificatePem = decode(name, data, "tls.crt");
    String keyPem = decode(name, data, "tls.key");
    CertificateDetails details;
    try {
      details = CertificateBundle.parse(certificatePem, keyPem).details();
    } catch (InvalidCertificateException e) {
      throw ReconcileFailure.definite(Conditions.INVALID_CERTIFICATE, "Secret " + name + ": " + e.getMessage());
    }
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

  private static String decode(String secretName, Map<String, String> data, String key) throws ReconcileFailure {
    String encoded = data.get(key);
    if (encoded == null || encoded.isEmpty()) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET, "Secret " + secretName + " has no " + key);
    }
    try {
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ReconcileFailure.definite(Conditions.INVALID_SECRET, "Secret " + secretName + ": " + key + " is not valid base64");
    }
  }
}
