package dev.slbcert.slb.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.SlbEndpoints;
import dev.slbcert.support.TestCertificates;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each region's calls go to that region's endpoint: two emulators stand in for two regions' private endpoints. */
class PerRegionEndpointsTest {

  @Test
  void callsOfEachRegionGoToThatRegionsEndpoint() throws Exception {
    try (SlbEmulator hangzhou = SlbEmulator.start(EmulatorSettings.defaults());
        SlbEmulator shanghai = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(new SlbEndpoints(null,
            Map.of("cn-hangzhou", hangzhou.endpoint(), "cn-shanghai", shanghai.endpoint()), null, SlbEndpoints.Network.VPC, null),
            new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      var issued = TestCertificates.selfSigned("regions.example.com", TestCertificates.rsaKeyPair());

      String inHangzhou = slb.upload(CertificateUpload.pem("cn-hangzhou", "hz", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
      String inShanghai = slb.upload(CertificateUpload.pem("cn-shanghai", "sh", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();

      assertThat(hangzhou.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(inHangzhou);
      assertThat(shanghai.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(inShanghai);
      assertThat(slb.list("cn-shanghai")).extracting(c -> c.id()).containsExactly(inShanghai);
    }
  }

  @Test
  void rrsaInAVpcAsksStsAtItsRegionalVpcEndpoint() throws Exception {
    var oidc = new SlbCredentials.Oidc("acs:ram::1234567890123456:role/slb", "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1",
        "/var/run/secrets/token", "slbcert");

    SlbEndpoints inVpc = new SlbEndpoints(null, Map.of(), null, SlbEndpoints.Network.VPC, "cn-shanghai");
    SlbEndpoints inPublic = new SlbEndpoints(null, Map.of(), null, SlbEndpoints.Network.PUBLIC, "cn-shanghai");
    Object vpc = ((ExplainedCredentialsProvider) CredentialsProviders.of(oidc, inVpc, new CredentialsLog())).delegate();
    Object publicly = ((ExplainedCredentialsProvider) CredentialsProviders.of(oidc, inPublic, new CredentialsLog())).delegate();

    assertThat(stsEndpoint(vpc)).isEqualTo("https://sts-vpc.cn-shanghai.aliyuncs.com").isEqualTo(CredentialsProviders.stsEndpoint(inVpc));
    assertThat(stsEndpoint(publicly)).isEqualTo("https://sts.cn-shanghai.aliyuncs.com").isEqualTo(CredentialsProviders.stsEndpoint(inPublic));
  }

  /** The SDK keeps the STS endpoint it will call in a private field: the only place this wiring shows without a call to STS. */
  private static String stsEndpoint(Object provider) throws Exception {
    Field field = provider.getClass().getDeclaredField("stsEndpoint");
    field.setAccessible(true);
    return (String) field.get(provider);
  }
}
