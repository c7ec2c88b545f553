package dev.slbcert.slb.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy/ram/: the RAM policy lists exactly the SLB actions the operator calls, and the trust policy names the chart's ServiceAccount. */
class RamPolicyTest {
  private static final String REGION = "cn-hangzhou";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void thePolicyListsExactlyTheActionsTheOperatorsSlbClientCalls() throws Exception {
    Set<String> called;
    try (SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      var issued = TestCertificates.selfSigned("policy.example.com", TestCertificates.rsaKeyPair());
      // what the tests' own admin calls set up (not the operator's): a load balancer, a listener, a domain extension
      String id = slb.upload(CertificateUpload.pem(REGION, "old", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
      String lb = slb.createLoadBalancer(REGION, "lb");
      slb.createHttpsListener(REGION, lb, 443, id);
      String extension = slb.createDomainExtension(REGION, lb, 443, "api.example.com", id);
      Map<String, Long> before = counts(emulator);

      // every method of the client the operator uses
      String current = slb.upload(CertificateUpload.pem(REGION, "new", null, issued.certificatePem(), issued.pkcs8KeyPem())
          .withTags(Map.of("k", "v"))).id();
      slb.list(REGION);
      slb.find(REGION, current);
      slb.rename(REGION, current, "renamed");
      slb.tag(REGION, current, Map.of("team", "shop"));
      slb.untag(REGION, current, List.of("team"));
      slb.listReferences(REGION);
      slb.moveListener(REGION, lb, 443, current);
      slb.moveDomainExtension(REGION, extension, current);
      slb.delete(REGION, id);

      Map<String, Long> after = counts(emulator);
      called = new TreeSet<>();
      after.forEach((action, n) -> {
        if (n > before.getOrDefault(action, 0L)) {
          called.add("slb:" + action);
        }
      });
    }
    JsonNode policy = JSON.readTree(Files.readString(Path.of("deploy/ram/slb-policy.json")));
    Set<String> granted = new TreeSet<>();
    policy.path("Statement").get(0).path("Action").forEach(a -> granted.add(a.asText()));

    assertThat(policy.path("Version").asText()).isEqualTo("1");
    assertThat(granted).isEqualTo(called);
  }

  @Test
  void theTrustPolicyLetsTheChartsServiceAccountAssumeTheRoleByOidc() throws Exception {
    JsonNode trust = JSON.readTree(Files.readString(Path.of("deploy/ram/trust-policy.json")));
    JsonNode statement = trust.path("Statement").get(0);

    assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
    assertThat(statement.path("Principal").path("Federated").get(0).asText()).startsWith("acs:ram::").contains(":oidc-provider/");
    assertThat(statement.path("Condition").path("StringEquals").path("oidc:sub").asText())
        .isEqualTo("system:serviceaccount:slbcert-system:slbcert-slb-certificate-operator");
    assertThat(statement.path("Condition").path("StringEquals").path("oidc:aud").asText()).isEqualTo("sts.aliyuncs.com");
  }

  private static Map<String, Long> counts(SlbEmulator emulator) {
    Map<String, Long> counts = new HashMap<>();
    emulator.calls().forEach((action, outcomes) -> counts.put(action, outcomes.values().stream().mapToLong(Long::longValue).sum()));
    return counts;
  }
}
