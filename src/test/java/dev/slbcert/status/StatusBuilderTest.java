package dev.slbcert.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {
  private final ServerCertificate resource = resource(3L);

  @Test
  void keepsTransitionTimeWhileTheConditionStatusStaysTheSame() {
    Clock first = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    Clock later = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
    resource.setStatus(StatusBuilder.from(resource, first).notReady(Conditions.SECRET_NOT_FOUND, "no secret").build());

    var stillFalse = StatusBuilder.from(resource, later).notReady(Conditions.INVALID_SECRET, "bad secret").build();
    var nowTrue = StatusBuilder.from(resource, later).ready(Conditions.AVAILABLE, "ok").build();

    assertThat(StatusBuilder.find(stillFalse.getConditions(), Conditions.READY).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(StatusBuilder.find(stillFalse.getConditions(), Conditions.READY).getReason()).isEqualTo(Conditions.INVALID_SECRET);
    assertThat(StatusBuilder.find(nowTrue.getConditions(), Conditions.READY).getLastTransitionTime()).isEqualTo("2026-01-02T00:00:00Z");
  }

  @Test
  void stampsObservedGenerationOnStatusAndConditions() {
    var status = StatusBuilder.from(resource, Clock.systemUTC()).ready(Conditions.AVAILABLE, "ok").build();

    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getConditions().get(0).getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void reportsNoChangeWhenNothingChanged() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    resource.setStatus(StatusBuilder.from(resource, clock).ready(Conditions.AVAILABLE, "ok").build());

    assertThat(StatusBuilder.from(resource, clock).ready(Conditions.AVAILABLE, "ok").changed()).isFalse();
    assertThat(StatusBuilder.from(resource, clock).ready(Conditions.AVAILABLE, "other").changed()).isTrue();
  }

  @Test
  void readyComesFirstAndDeletionBlockedCanBeCleared() {
    Clock clock = Clock.systemUTC();
    resource.setStatus(StatusBuilder.from(resource, clock).deletionBlocked("in use").notReady(Conditions.DELETING, "waiting").build());

    assertThat(resource.getStatus().getConditions()).extracting(c -> c.getType()).containsExactly(Conditions.READY, Conditions.DELETION_BLOCKED);
    assertThat(StatusBuilder.from(resource, clock).deletionNotBlocked().build().getConditions()).extracting(c -> c.getType())
        .containsExactly(Conditions.READY);
  }

  private static ServerCertificate resource(long generation) {
    ServerCertificate sc = new ServerCertificate();
    sc.getMetadata().setName("x");
    sc.getMetadata().setGeneration(generation);
    sc.setSpec(new ServerCertificateSpec());
    return sc;
  }
}
