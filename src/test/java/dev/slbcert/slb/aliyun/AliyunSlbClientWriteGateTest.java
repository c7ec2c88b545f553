package dev.slbcert.slb.aliyun;

import static dev.slbcert.support.SlbEmulatorExtension.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slbcert.emulator.FaultRule;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.support.SlbEmulatorExtension;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write gate through the real SDK against the emulator: what a shut gate stops never reaches SLB. */
class AliyunSlbClientWriteGateTest {
  @RegisterExtension static final SlbEmulatorExtension SLB = new SlbEmulatorExtension();

  private final AliyunSlbClient client = SLB.client();
  private final Issued issued = TestCertificates.selfSigned("gate.example.com", TestCertificates.rsaKeyPair());
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @Test
  void aShutGateStopsEveryMutationBeforeItReachesSlbAndItsRefusalReachesTheCaller() throws Exception {
    SlbCertificate existing = client.upload(upload("existing"));
    AliyunSlbClient shut = client.withWriteGate(action -> {
      asked.add(action);
      throw new IllegalStateException("refused " + action);
    });

    assertThatThrownBy(() -> shut.upload(upload("fenced"))).isInstanceOf(IllegalStateException.class).hasMessage("refused UploadServerCertificate");
    assertThatThrownBy(() -> shut.rename(REGION, existing.id(), "renamed")).hasMessage("refused SetServerCertificateName");
    assertThatThrownBy(() -> shut.tag(REGION, existing.id(), Map.of("team", "a"))).hasMessage("refused TagResources");
    assertThatThrownBy(() -> shut.delete(REGION, existing.id())).hasMessage("refused DeleteServerCertificate");

    assertThat(SLB.emulator().callCount("UploadServerCertificate")).as("only the ungated upload").isEqualTo(1);
    for (String write : List.of("SetServerCertificateName", "TagResources", "DeleteServerCertificate")) {
      assertThat(SLB.emulator().callCount(write)).as(write).isZero();
    }
    assertThat(client.find(REGION, existing.id())).get().extracting(SlbCertificate::name).isEqualTo("existing");
  }

  @Test
  void readsPassAShutGateUnasked() throws Exception {
    AliyunSlbClient shut = client.withWriteGate(action -> {
      asked.add(action);
      throw new IllegalStateException("refused " + action);
    });

    assertThat(shut.list(REGION)).isEmpty();

    assertThat(asked).isEmpty();
    assertThat(SLB.emulator().callCount("DescribeServerCertificates")).isEqualTo(1);
  }

  @Test
  void anOpenGateIsAskedForEachAttemptOfAMutationIncludingRetries() throws Exception {
    SLB.emulator().addFault(FaultRule.error("UploadServerCertificate", "Throttling.User", 400, 2));
    AliyunSlbClient open = client.withWriteGate(asked::add);

    SlbCertificate uploaded = open.upload(upload("retried"));

    assertThat(asked).containsExactly("UploadServerCertificate", "UploadServerCertificate", "UploadServerCertificate");
    assertThat(SLB.emulator().calls().get("UploadServerCertificate")).containsExactlyInAnyOrderEntriesOf(Map.of("Throttling.User", 2L, "Success", 1L));
    assertThat(client.find(REGION, uploaded.id())).isPresent();
  }

  @Test
  void theActionIsReadFromTheSignedRequestsUrl() {
    assertThat(GatedHttpClient.actionOf("http://127.0.0.1:1/?AccessKeyId=k&Action=UploadServerCertificate&Format=JSON")).isEqualTo("UploadServerCertificate");
    assertThat(GatedHttpClient.actionOf("https://slb.aliyuncs.com/?Action=DescribeServerCertificates")).isEqualTo("DescribeServerCertificates");
    assertThat(GatedHttpClient.actionOf("https://slb.aliyuncs.com/?XAction=Describe&Format=JSON")).as("no Action: gated as a write").isNull();
    assertThat(GatedHttpClient.actionOf("https://slb.aliyuncs.com/")).isNull();
  }

  private CertificateUpload upload(String name) {
    return CertificateUpload.pem(REGION, name, null, issued.certificatePem(), issued.pkcs8KeyPem());
  }
}
