package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.FaultRule;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerCertificateFaultTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void aLostUploadAnswerLeavesExactlyOneCertificate() {
    H.emulator().addFault(FaultRule.commitThenFail("UploadServerCertificate", false, 1));
    H.createTlsSecret("lost-tls", TestCertificates.selfSigned("lost.example.com", TestCertificates.rsaKeyPair()));

    H.createFromSecret("lost", "lost-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("lost")));
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id)
        .containsExactly(H.get("lost").getStatus().getServerCertificateId());
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(H.eventReasons("lost")).contains("UploadFound");
  }

  @Test
  void aDroppedConnectionAfterUploadLeavesExactlyOneCertificate() {
    H.emulator().addFault(FaultRule.commitThenFail("UploadServerCertificate", true, 1));
    H.createTlsSecret("drop-tls", TestCertificates.selfSigned("drop.example.com", TestCertificates.rsaKeyPair()));

    H.createFromSecret("drop", "drop-tls");

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("drop")));
    assertThat(H.emulator().snapshot().certificates()).hasSize(1);
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  @Test
  void anUploadThatTimesOutAndCommitsLaterIsNotUploadedAgain() {
    // The emulator holds the upload longer than the client waits, then carries it out.
    H.emulator().addFault(FaultRule.delay("UploadServerCertificate", 2_500, 1));
    H.createTlsSecret("slow-tls", TestCertificates.selfSigned("slow.example.com", TestCertificates.rsaKeyPair()));

    H.createFromSecret("slow", "slow-tls");

    await().atMost(Duration.ofSeconds(30)).until(() -> isReady(H.get("slow")));
    OperatorHarness.awaitIdle(H.emulator()); // the held upload is carried out by now, whatever the operator did
    assertThat(H.get("slow").getStatus().getUploadInFlight()).isNull();
    assertThat(H.emulator().snapshot().certificates()).hasSize(1);
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  @Test
  void aCertificateWhoseIdNeverReachedStatusIsRecognisedByItsTagAfterARestart() {
    // As if the operator stopped between the upload and the status write: the certificate exists, status knows nothing of it.
    H.createTlsSecret("restart-tls", TestCertificates.selfSigned("restart.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("restart", "restart-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("restart")));
    String idBeforeRestart = H.get("restart").getStatus().getServerCertificateId();
    H.stopOperator();
    forgetStatus("restart");

    H.startOperator();

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("restart")));
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(idBeforeRestart);
    assertThat(H.get("restart").getStatus().getServerCertificateId()).isEqualTo(idBeforeRestart);
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  @Test
  void aLostUploadIsRecognisedByItsTagAloneAfterARenameAndARestart() {
    H.emulator().addFault(FaultRule.commitThenFail("UploadServerCertificate", false, 1));
    H.createTlsSecret("tagged-tls", TestCertificates.selfSigned("tagged.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("tagged", "tagged-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> H.emulator().callCount("UploadServerCertificate") == 1);
    H.stopOperator();
    // A new operator, no status, a new name: neither the lost upload's record nor its name is left to go by,
    // only the ownership tag it was uploaded with.
    forgetStatus("tagged");
    H.edit("tagged", spec -> spec.setCertificateName("renamed-tagged"));

    H.startOperator();

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("tagged")) && "renamed-tagged".equals(H.get("tagged").getStatus().getCertificateName()));
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(H.get("tagged").getStatus().getServerCertificateId());
      assertThat(c.name()).isEqualTo("renamed-tagged");
    });
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(H.emulator().callCount("TagResources")).isZero();
    assertThat(H.eventReasons("tagged")).contains("UploadFound");
  }

  /** Removes the resource's status, as a lost status write would leave it. */
  private static void forgetStatus(String name) {
    H.kube().resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace(H.namespace()).withName(name).editStatus(sc -> {
      sc.setStatus(new dev.slbcert.api.v1alpha1.ServerCertificateStatus());
      return sc;
    });
  }

  @Test
  void anSlbOutageDuringAResyncKeepsAReadyResourceReadyAndWarns() {
    H.createTlsSecret("steady-tls", TestCertificates.selfSigned("steady.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("steady", "steady-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("steady")));
    var readySince = OperatorHarness.condition(H.get("steady"), "Ready").getLastTransitionTime();

    H.emulator().addFault(FaultRule.error("DescribeServerCertificates", "ServiceUnavailable", 503, 100));

    await().atMost(Duration.ofSeconds(20)).until(() -> H.eventReasons("steady").contains("SlbUnavailable"));
    assertThat(isReady(H.get("steady"))).isTrue();
    assertThat(OperatorHarness.condition(H.get("steady"), "Ready").getLastTransitionTime()).isEqualTo(readySince);
    H.emulator().clearFaults();
  }

  @Test
  void aLostUploadIsStillRecognisedAfterTheSpecRenamesTheCertificate() {
    H.emulator().addFault(FaultRule.commitThenFail("UploadServerCertificate", false, 1));
    H.createTlsSecret("race-tls", TestCertificates.selfSigned("race.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("race", "race-tls");
    // Once the first listing is done, SLB stops answering listings: the operator cannot look for its lost upload.
    await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20)).until(() -> H.emulator().callCount("DescribeServerCertificates") >= 1);
    H.emulator().addFault(FaultRule.error("DescribeServerCertificates", "ServiceUnavailable", 503, 100_000));
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("race").getStatus() != null && H.get("race").getStatus().getUploadInFlight() != null);
    String lostUnder = H.get("race").getStatus().getUploadInFlight().getCertificateName();

    H.edit("race", spec -> spec.setCertificateName("renamed-race"));
    H.emulator().clearFaults();

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("race")) && "renamed-race".equals(H.get("race").getStatus().getCertificateName()));
    assertThat(lostUnder).isEqualTo(H.namespace() + ".race");
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("renamed-race"));
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(H.get("race").getStatus().getUploadInFlight()).isNull();
  }
}
