package dev.slbcert.slb.aliyun;

import dev.slbcert.slb.*;

import static dev.slbcert.support.SlbEmulatorExtension.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.FaultRule;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.support.SlbEmulatorExtension;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AliyunSlbClientFaultTest {
  @RegisterExtension static final SlbEmulatorExtension SLB = new SlbEmulatorExtension();

  private final AliyunSlbClient client = SLB.client();
  private final Issued issued = TestCertificates.selfSigned("faults.example.com", TestCertificates.rsaKeyPair());

  @Test
  void throttledCallSucceedsAfterRetries() throws Exception {
    SLB.emulator().addFault(FaultRule.error("DescribeServerCertificates", "Throttling.User", 400, 2));

    assertThat(client.list(REGION)).isEmpty();

    assertThat(SLB.emulator().calls().get("DescribeServerCertificates"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("Throttling.User", 2L, "Success", 1L));
  }

  @Test
  void persistentThrottlingGivesUpAfterTheLastAttempt() {
    SLB.emulator().addFault(FaultRule.error("DescribeServerCertificates", "Throttling", 400, 100));

    assertThatThrownBy(() -> client.list(REGION))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.THROTTLED);
          assertThat(e.retryable()).isTrue();
        });
    assertThat(SLB.emulator().callCount("DescribeServerCertificates")).isEqualTo(SlbEmulatorExtension.FAST_RETRY.maxAttempts());
  }

  @Test
  void serverErrorOnAReadIsRetried() throws Exception {
    SLB.emulator().addFault(FaultRule.error("DescribeServerCertificates", "ServiceUnavailable", 503, 1));
    SLB.emulator().addFault(FaultRule.error("DescribeServerCertificates", "InternalError", 500, 1));

    assertThat(client.list(REGION)).isEmpty();

    assertThat(SLB.emulator().calls().get("DescribeServerCertificates"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ServiceUnavailable", 1L, "InternalError", 1L, "Success", 1L));
  }

  @Test
  void readTimeoutOnAReadIsRetried() throws Exception {
    AliyunSlbClient impatient = SLB.client(SLB.settingsFor(emulatorKeys()).withReadTimeout(Duration.ofMillis(300)));
    SLB.emulator().addFault(FaultRule.delay("DescribeServerCertificates", 1_000, 1));

    assertThat(impatient.list(REGION)).isEmpty();

    assertThat(SLB.emulator().faultsInjected()).containsEntry("DELAY", 1L);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(SLB.emulator().callCount("DescribeServerCertificates")).isEqualTo(2));
  }

  @Test
  void uploadWhoseAnswerIsLostIsNotRetriedAndLeavesOneCertificate() {
    SLB.emulator().addFault(FaultRule.commitThenFail("UploadServerCertificate", false, 1));

    assertThatThrownBy(() -> client.upload(pem("lost")))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.UNAVAILABLE);
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
        });
    assertThat(SLB.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(SLB.emulator().snapshot().certificates()).hasSize(1);
  }

  @Test
  void uploadWhoseConnectionDropsAfterCommitIsNotRetriedAndLeavesOneCertificate() {
    SLB.emulator().addFault(FaultRule.commitThenFail("UploadServerCertificate", true, 1));

    assertThatThrownBy(() -> client.upload(pem("dropped")))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.UNAVAILABLE);
          assertThat(e.getMessage()).doesNotContain("PrivateKey").doesNotContain("BEGIN");
        });
    assertThat(SLB.emulator().calls().get("UploadServerCertificate")).containsExactly(Map.entry("ConnectionDropped", 1L));
    assertThat(SLB.emulator().snapshot().certificates()).hasSize(1);
  }

  @Test
  void uploadThatTimesOutIsNotRetried() {
    AliyunSlbClient impatient = SLB.client(SLB.settingsFor(emulatorKeys()).withReadTimeout(Duration.ofMillis(300)));
    SLB.emulator().addFault(FaultRule.delay("UploadServerCertificate", 1_000, 1));

    assertThatThrownBy(() -> impatient.upload(pem("slow")))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("SDK.ReadTimeout");
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.getMessage()).doesNotContain("PrivateKey").doesNotContain("http://");
        });
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(SLB.emulator().snapshot().certificates()).hasSize(1));
    assertThat(SLB.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  @Test
  void throttledUploadIsRetriedBecauseNothingWasCreated() throws Exception {
    SLB.emulator().addFault(FaultRule.error("UploadServerCertificate", "Throttling.User", 400, 1));

    client.upload(pem("throttled"));

    assertThat(SLB.emulator().snapshot().certificates()).hasSize(1);
    assertThat(SLB.emulator().callCount("UploadServerCertificate")).isEqualTo(2);
  }

  @Test
  void wrongSecretIsAccessDeniedWithAMessageAboutTheCredentials() {
    AliyunSlbClient wrong = SLB.client(SLB.settingsFor(new SlbCredentials.StaticKeys("emulator", "not-the-secret", null)));

    assertThatThrownBy(() -> wrong.upload(pem("denied")))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.ACCESS_DENIED);
          // The SDK compares its string to sign with the one SLB quotes and, when they agree,
          // reports the secret as the culprit.
          assertThat(e.errorCode()).isIn("SignatureDoesNotMatch", "SDK.InvalidAccessKeySecret");
          assertThat(e.getMessage()).contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET").doesNotContain("string to sign").doesNotContain("BEGIN");
        });
    assertThat(SLB.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(SLB.emulator().snapshot().certificates()).isEmpty();
  }

  @Test
  void unknownAccessKeyIsAccessDenied() {
    AliyunSlbClient stranger = SLB.client(SLB.settingsFor(new SlbCredentials.StaticKeys("nobody", "x", null)));

    assertThatThrownBy(() -> stranger.list(REGION))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.ACCESS_DENIED);
          assertThat(e.errorCode()).isEqualTo("InvalidAccessKeyId.NotFound");
        });
  }

  @Test
  void stsCredentialsWithASecurityTokenAreAccepted() throws Exception {
    AliyunSlbClient sts = SLB.client(SLB.settingsFor(new SlbCredentials.StaticKeys("emulator", "emulator", "sts-token-value")));

    assertThat(sts.upload(pem("sts")).id()).isNotBlank();
  }

  @Test
  void unreachableEndpointIsUnavailableAfterRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AliyunSlbClient nowhere = SLB.client(SlbClientSettings.of(URI.create("http://127.0.0.1:" + closedPort), emulatorKeys())
        .withQps(0).withRetry(SlbEmulatorExtension.FAST_RETRY));

    assertThatThrownBy(() -> nowhere.list(REGION))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.UNAVAILABLE);
          assertThat(e.errorCode()).isEqualTo("SDK.ServerUnreachable");
          assertThat(e.getMessage()).contains("SLBCERT_SLB_ENDPOINT");
        });
  }

  @Test
  void emulatorRateLimitThrottlesAndTheClientLimitStaysUnderIt() throws Exception {
    try (SlbEmulator limited = SlbEmulator.start(EmulatorSettings.defaults().withQps(5))) {
      AliyunSlbClient eager = SLB.client(SlbClientSettings.of(limited.endpoint(), emulatorKeys()).withQps(0)
          .withRetry(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))));
      int throttled = 0;
      for (int i = 0; i < 20; i++) {
        try {
          eager.list(REGION);
        } catch (SlbException e) {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.THROTTLED);
          throttled++;
        }
      }
      assertThat(throttled).isPositive();
      assertThat(limited.calls().get("DescribeServerCertificates")).containsEntry("Throttling.User", (long) throttled);

      Thread.sleep(1_200); // let the emulator's one-second bucket refill before the paced run
      limited.reset();
      AliyunSlbClient paced = SLB.client(SlbClientSettings.of(limited.endpoint(), emulatorKeys()).withQps(4));
      for (int i = 0; i < 10; i++) {
        paced.list(REGION);
      }
      assertThat(limited.calls().get("DescribeServerCertificates")).containsExactly(Map.entry("Success", 10L));
    }
  }

  private CertificateUpload pem(String name) {
    return CertificateUpload.pem(REGION, name, null, issued.certificatePem(), issued.pkcs8KeyPem());
  }

  private static SlbCredentials emulatorKeys() {
    return new SlbCredentials.StaticKeys("emulator", "emulator", null);
  }
}
