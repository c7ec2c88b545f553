package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Warning Event {@code ExpiringSoon}, at most once a day per resource, while its certificate
 * expires within the warning period; it says whether the source renews it (a Secret) or not (an
 * adopted or imported certificate, which someone must replace).
 */
public final class ExpiryWarnings {
  private static final Duration ONCE_A_DAY = Duration.ofDays(1);

  private final EventRecorder events;
  private final Clock clock;
  private final Duration warning;
  private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();

  public ExpiryWarnings(EventRecorder events, Clock clock, Duration warning) {
    this.events = events;
    this.clock = clock;
    this.warning = warning;
  }

  /** The resource is gone: nothing more to remember of it. */
  void forget(String uid) {
    lastWarned.remove(uid);
  }

  void check(ServerCertificate resource, SlbCertificate certificate) {
    Instant notAfter = certificate.expireTime();
    Instant now = clock.instant();
    String uid = resource.getMetadata().getUid();
    if (notAfter == null || Duration.between(now, notAfter).compareTo(warning) > 0) {
      lastWarned.remove(uid);
      return;
    }
    Instant last = lastWarned.get(uid);
    if (last != null && Duration.between(last, now).compareTo(ONCE_A_DAY) < 0) {
      return;
    }
    lastWarned.put(uid, now);
    long days = Duration.between(now, notAfter).toDays();
    String source = resource.getSpec().getSecretRef() != null
        ? "its Secret " + resource.getSpec().getSecretRef().getName() + " should be renewed before then (by cert-manager or whoever writes it); the operator uploads the new certificate when it is"
        : "it is " + (resource.getSpec().getServerCertificateId() != null ? "adopted" : "imported from Certificate Management Service")
            + " and nothing renews it here: replace it before then";
    events.warning(resource, Conditions.EXPIRING_SOON, "SLB certificate " + certificate.id() + " expires at " + notAfter + " (in " + days
        + " days); " + source);
  }
}
