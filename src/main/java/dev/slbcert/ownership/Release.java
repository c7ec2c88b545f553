package dev.slbcert.ownership;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A certificate let go by a ServerCertificate deleted with {@code deletionPolicy: Retain}: which
 * namespace released it, and when. It is recorded on the certificate as the tag
 * {@link OwnershipTags#RELEASED_BY} ({@code shop@2026-12-07T15:40:00Z}) beside the cluster tag, so a
 * released certificate stays attributable: counted against its namespace's limit
 * ({@link RetainLimit}) and listed by the orphans command.
 */
public record Release(String namespace, Instant at) {
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public Release {
    at = at.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The value of the released-by tag. */
  public String tagValue() {
    return namespace + "@" + at;
  }

  /**
   * The release that a certificate's tags record for the cluster {@code clusterId}: present when
   * the certificate carries a well-formed released-by tag and this cluster's tag, and no resource
   * claims it any more (no owner or adopted-by tag: adopting it again ends the release).
   */
  public static Optional<Release> of(Map<String, String> tags, String clusterId) {
    if (tags.containsKey(OwnershipTags.OWNER) || tags.containsKey(OwnershipTags.ADOPTED_BY)
        || !Objects.equals(tags.get(OwnershipTags.CLUSTER), clusterId)) {
      return Optional.empty();
    }
    return parse(tags.get(OwnershipTags.RELEASED_BY));
  }

  static Optional<Release> parse(String value) {
    int at = value == null ? -1 : value.lastIndexOf('@');
    if (at <= 0 || !NAMESPACE.matcher(value.substring(0, at)).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Release(value.substring(0, at), Instant.parse(value.substring(at + 1))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
