package dev.slbcert.tls;

import java.time.Instant;
import java.util.List;

/**
 * What the leaf certificate of a bundle says about itself.
 *
 * @param fingerprint SHA-1 of the DER leaf certificate, lower-case hex pairs joined by colons, as
 *     SLB reports it
 * @param commonName the subject's CN, or an empty string when there is none
 * @param subjectAlternativeNames DNS and IP subject alternative names, in certificate order
 * @param keyAlgorithm {@code RSA} or {@code EC}
 * @param keyLength RSA modulus bits or EC field size
 * @param chainLength number of certificates in the bundle, leaf included
 */
public record CertificateDetails(
    String fingerprint,
    String commonName,
    List<String> subjectAlternativeNames,
    Instant notBefore,
    Instant notAfter,
    String keyAlgorithm,
    int keyLength,
    int chainLength) {

  public CertificateDetails {
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
  }

  /** True when {@code now} is outside the validity window. */
  public boolean isExpiredAt(Instant now) {
    return now.isAfter(notAfter);
  }

  public boolean isNotYetValidAt(Instant now) {
    return now.isBefore(notBefore);
  }
}
