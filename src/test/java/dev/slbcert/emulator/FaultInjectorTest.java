package dev.slbcert.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  @Test
  void countedFaultHitsExactlyTheNextNCallsOfItsAction() {
    FaultInjector injector = new FaultInjector();
    injector.add(FaultRule.error("UploadServerCertificate", "Throttling", 400, 2));

    assertThat(injector.next("DescribeServerCertificates")).isEmpty();
    assertThat(injector.next("UploadServerCertificate")).isPresent();
    assertThat(injector.next("UploadServerCertificate")).isPresent();
    assertThat(injector.next("UploadServerCertificate")).isEmpty();
    assertThat(injector.rules()).isEmpty();
  }

  @Test
  void wildcardMatchesEveryAction() {
    FaultInjector injector = new FaultInjector();
    injector.add(FaultRule.delay("*", 10, 2));

    assertThat(injector.next("A")).isPresent();
    assertThat(injector.next("B")).isPresent();
    assertThat(injector.next("C")).isEmpty();
  }

  @Test
  void seededProbabilityIsReproducibleAndNearItsRate() {
    List<Boolean> first = draws(42);
    List<Boolean> second = draws(42);
    List<Boolean> other = draws(7);

    assertThat(first).isEqualTo(second).isNotEqualTo(other);
    long hits = first.stream().filter(b -> b).count();
    assertThat(hits).isBetween(150L, 250L);
  }

  private static List<Boolean> draws(long seed) {
    FaultInjector injector = new FaultInjector();
    injector.add(FaultRule.commitThenFail("*", true, 0).withProbability(0.2, seed));
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      out.add(injector.next("Any").isPresent());
    }
    return out;
  }

  @Test
  void parsesControlApiJsonIntoRules() throws Exception {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "[{\"action\":\"X\",\"kind\":\"delay\",\"delayMs\":15000},{\"kind\":\"commitThenFail\",\"dropConnection\":true,\"probability\":0.5,\"seed\":3}]");

    List<FaultRule> rules = ControlApi.parseFaults(node);

    assertThat(rules.get(0)).isEqualTo(FaultRule.delay("X", 15000, 1));
    assertThat(rules.get(1)).isEqualTo(FaultRule.commitThenFail("*", true, 1).withProbability(0.5, 3));
  }
}
