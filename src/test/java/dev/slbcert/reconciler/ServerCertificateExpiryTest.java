package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.MovableClock;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ExpiringSoon: a Warning Event a day while a managed certificate expires within the warning period (14 days). */
class ServerCertificateExpiryTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void aCertificateExpiringWithinTwoWeeksWarnsOnceADaySayingItsSecretRenewsIt() {
    MovableClock clock = new MovableClock();
    H.restartWithClock(clock);
    Instant notAfter = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
    H.createTlsSecret("soon-tls", TestCertificates.selfSigned("soon.example.com", TestCertificates.rsaKeyPair(),
        Instant.now().minus(Duration.ofDays(80)), notAfter));
    H.createFromSecret("soon", "soon-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("soon")) && !expiring("soon").isEmpty());

    // more resyncs (every 3 s here, each lists the region again) within the same day add nothing
    awaitResyncs(2);
    assertThat(expiring("soon")).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getCount()).isEqualTo(1);
      assertThat(e.getMessage()).contains(notAfter.toString()).contains("in 9 days").contains("Secret soon-tls should be renewed");
    });

    clock.advance(Duration.ofHours(25));
    await().atMost(Duration.ofSeconds(20)).until(() -> expiring("soon").size() == 2);
    assertThat(expiring("soon")).anySatisfy(e -> assertThat(e.getMessage()).contains("in 8 days"));
  }

  @Test
  void anAdoptedCertificateExpiringSoonSaysNothingRenewsIt() throws Exception {
    var issued = TestCertificates.selfSigned("adopted.example.com", TestCertificates.rsaKeyPair(), Instant.now().minus(Duration.ofDays(80)),
        Instant.now().plus(Duration.ofDays(3)));
    String id = H.slb().upload(CertificateUpload.pem(OperatorHarness.REGION, "adopted", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
    var spec = TestResources.serverCertificate(H.namespace(), "adopted", "unused").getSpec();
    spec.setSecretRef(null);
    spec.setServerCertificateId(id);
    H.allowAdoption();

    H.create("adopted", spec);

    await().atMost(Duration.ofSeconds(20)).until(() -> !expiring("adopted").isEmpty());
    assertThat(expiring("adopted").get(0).getMessage()).contains("adopted and nothing renews it here");
  }

  @Test
  void aCertificateValidForMonthsDoesNotWarn() {
    H.createTlsSecret("fine-tls", TestCertificates.selfSigned("fine.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("fine", "fine-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("fine")));

    awaitResyncs(1);
    assertThat(expiring("fine")).isEmpty();
  }

  /** Waits until the operator has listed the region {@code n} more times, that is, re-checked its resources. */
  private static void awaitResyncs(int n) {
    long listings = H.emulator().callCount("DescribeServerCertificates");
    await().atMost(Duration.ofSeconds(20)).until(() -> H.emulator().callCount("DescribeServerCertificates") >= listings + n);
  }

  private static List<Event> expiring(String name) {
    return H.events(name).stream().filter(e -> Conditions.EXPIRING_SOON.equals(e.getReason())).toList();
  }
}
