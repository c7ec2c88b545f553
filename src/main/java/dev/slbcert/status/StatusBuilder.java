package dev.slbcert.status;

import dev.slbcert.api.v1alpha1.BoundService;
import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateStatus;
import dev.slbcert.api.v1alpha1.UploadInFlight;
import dev.slbcert.slb.SlbCertificate;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the next status from the current one: stamps observedGeneration, keeps a condition's
 * lastTransitionTime while its status does not change. The only code that writes conditions.
 */
public final class StatusBuilder {
  private final ServerCertificateStatus next;
  private final ServerCertificateStatus previous;
  private final long generation;
  private final Clock clock;

  private StatusBuilder(ServerCertificate resource, Clock clock) {
    this.previous = resource.getStatus() == null ? new ServerCertificateStatus() : resource.getStatus();
    this.next = copy(previous);
    Long g = resource.getMetadata().getGeneration();
    this.generation = g == null ? 0 : g;
    this.clock = clock;
    next.setObservedGeneration(generation);
  }

  public static StatusBuilder from(ServerCertificate resource, Clock clock) {
    return new StatusBuilder(resource, clock);
  }

  public StatusBuilder certificate(SlbCertificate certificate, Instant notBefore) {
    next.setServerCertificateId(certificate.id());
    next.setCertificateName(certificate.name());
    next.setRegionId(certificate.regionId());
    next.setFingerprint(certificate.fingerprint());
    next.setCommonName(certificate.commonName());
    next.setSubjectAlternativeNames(certificate.subjectAlternativeNames().isEmpty() ? null : List.copyOf(certificate.subjectAlternativeNames()));
    next.setNotAfter(format(certificate.expireTime()));
    next.setNotBefore(format(notBefore));
    return this;
  }

  /** The resourceVersion of the Secret the certificate was read from (null: the certificate comes from elsewhere). */
  public StatusBuilder secretResourceVersion(String resourceVersion) {
    next.setSecretResourceVersion(resourceVersion);
    return this;
  }

  public StatusBuilder retired(List<RetiredCertificate> retired) {
    next.setRetiredCertificates(retired.isEmpty() ? null : List.copyOf(retired));
    return this;
  }

  /** Records (or, with null, clears) an upload whose answer was lost. */
  public StatusBuilder uploadInFlight(UploadInFlight upload) {
    next.setUploadInFlight(upload);
    return this;
  }

  /** The Services bound by label and the certificate id each carries (null: not known in this reconciliation, keep). */
  public StatusBuilder services(List<BoundService> services) {
    if (services != null) {
      next.setServices(services.isEmpty() ? null : List.copyOf(services));
    }
    return this;
  }

  /** The value of the check-request annotation acted on in this reconciliation. */
  public StatusBuilder checkRequestHandled(String requestedAt) {
    next.setLastHandledCheckRequest(requestedAt);
    return this;
  }

  public StatusBuilder inUseBy(List<CertificateUse> uses) {
    next.setInUseBy(uses.isEmpty() ? null : List.copyOf(uses));
    return this;
  }

  public StatusBuilder ready(String reason, String message) {
    return condition(Conditions.READY, Conditions.TRUE, reason, message);
  }

  public StatusBuilder notReady(String reason, String message) {
    return condition(Conditions.READY, Conditions.FALSE, reason, message);
  }

  public StatusBuilder deletionBlocked(String message) {
    return condition(Conditions.DELETION_BLOCKED, Conditions.TRUE, Conditions.CERTIFICATE_IN_USE, message);
  }

  public StatusBuilder deletionNotBlocked() {
    next.getConditions().removeIf(c -> Conditions.DELETION_BLOCKED.equals(c.getType()));
    return this;
  }

  public ServerCertificateStatus build() {
    return next;
  }

  /** True when the built status differs from the one the resource carries. */
  public boolean changed() {
    return !next.equals(previous);
  }

  private StatusBuilder condition(String type, String status, String reason, String message) {
    Condition old = find(previous.getConditions(), type);
    String transition = old != null && Objects.equals(old.getStatus(), status)
        ? old.getLastTransitionTime()
        : format(clock.instant());
    Condition condition = new ConditionBuilder()
        .withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime(transition).withObservedGeneration(generation).build();
    List<Condition> conditions = new ArrayList<>(next.getConditions());
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(condition);
    conditions.sort((a, b) -> Conditions.READY.equals(a.getType()) ? -1 : Conditions.READY.equals(b.getType()) ? 1 : a.getType().compareTo(b.getType()));
    next.setConditions(conditions);
    return this;
  }

  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  static String format(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static ServerCertificateStatus copy(ServerCertificateStatus s) {
    ServerCertificateStatus c = new ServerCertificateStatus();
    c.setServerCertificateId(s.getServerCertificateId());
    c.setCertificateName(s.getCertificateName());
    c.setRegionId(s.getRegionId());
    c.setFingerprint(s.getFingerprint());
    c.setCommonName(s.getCommonName());
    c.setSubjectAlternativeNames(s.getSubjectAlternativeNames());
    c.setSecretResourceVersion(s.getSecretResourceVersion());
    c.setNotBefore(s.getNotBefore());
    c.setNotAfter(s.getNotAfter());
    c.setObservedGeneration(s.getObservedGeneration());
    c.setConditions(s.getConditions() == null ? new ArrayList<>() : new ArrayList<>(s.getConditions()));
    c.setInUseBy(s.getInUseBy());
    c.setRetiredCertificates(s.getRetiredCertificates());
    c.setUploadInFlight(s.getUploadInFlight());
    c.setServices(s.getServices());
    c.setLastHandledCheckRequest(s.getLastHandledCheckRequest());
    return c;
  }
}
