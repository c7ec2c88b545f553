package dev.slbcert.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbException;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.support.SlbEmulatorExtension;
import dev.slbcert.support.TestCertificates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UploadServerCertificate with Tag.N.Key/Tag.N.Value, through the SDK: the tags come with the certificate, or nothing is created. */
class UploadWithTagsTest {
  @RegisterExtension static final SlbEmulatorExtension SLB = new SlbEmulatorExtension();
  private static final TestCertificates.Issued ISSUED = TestCertificates.selfSigned("tags.example.com", TestCertificates.rsaKeyPair());

  @Test
  void tagsInTheUploadAreOnTheCertificateAtOnce() throws Exception {
    AliyunSlbClient client = SLB.client();

    String id = client.upload(upload(Map.of("team", "shop", "slbcert.dev/owner", "uid-1"))).id();

    assertThat(client.find("cn-hangzhou", id).orElseThrow().tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "shop", "slbcert.dev/owner", "uid-1"));
    assertThat(SLB.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
    assertThat(SLB.emulator().callCount("TagResources")).isZero();
  }

  @Test
  void twentyTagsAreAcceptedAndTwentyOneRefuseTheWholeUpload() throws Exception {
    assertThat(SLB.client().upload(upload(tags(20))).tags()).hasSize(20);
    SLB.emulator().reset();

    assertThatThrownBy(() -> SLB.client().upload(upload(tags(21)))).isInstanceOfSatisfying(SlbException.class,
        e -> assertThat(e.errorCode()).isEqualTo("TagCountLimit"));
    assertThat(SLB.emulator().snapshot().certificates()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "key with aliyun prefix, aliyun-team, x",
      "key with acs: prefix, acs:team, x",
      "value with acs: prefix, team, acs:x",
      "key holding a URL, see-https://example.com, x",
      "key over 64 characters, kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk, x",
      "value over 128 characters, team, vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"})
  void aTagSlbRefusesRefusesTheWholeUploadAndCreatesNothing(String description, String key, String value) {
    assertThatThrownBy(() -> SLB.client().upload(upload(Map.of("ok", "fine", key, value)))).isInstanceOfSatisfying(SlbException.class,
        e -> assertThat(e.errorCode()).isEqualTo("InvalidParameter"));
    assertThat(SLB.emulator().snapshot().certificates()).isEmpty();
  }

  private static CertificateUpload upload(Map<String, String> tags) {
    return CertificateUpload.pem("cn-hangzhou", "tagged", null, ISSUED.certificatePem(), ISSUED.pkcs8KeyPem()).withTags(tags);
  }

  private static Map<String, String> tags(int count) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      tags.put("key" + i, "value" + i);
    }
    return tags;
  }
}
