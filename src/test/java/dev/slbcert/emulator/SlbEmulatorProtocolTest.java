package dev.slbcert.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlbEmulatorProtocolTest {
  private static SlbEmulator emulator;
  private static RawRpcClient rpc;

  @BeforeAll
  static void start() throws Exception {
    emulator = SlbEmulator.start(EmulatorSettings.defaults());
    rpc = new RawRpcClient(emulator.endpoint());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  @Test
  void acceptsGetWithQueryPostWithQueryAndPostWithFormBody() throws Exception {
    assertThat(rpc.get(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of())).status()).isEqualTo(200);
    assertThat(rpc.postQuery(RawRpcClient.signed("POST", "DescribeServerCertificates", Map.of())).status()).isEqualTo(200);
    assertThat(rpc.postForm(RawRpcClient.signed("POST", "DescribeServerCertificates", Map.of())).status()).isEqualTo(200);
    assertThat(emulator.calls().get("DescribeServerCertificates")).containsExactly(Map.entry("Success", 3L));
  }

  @Test
  void answersJsonWithTheContentTypeTheSdkNeedsAndWrappedLists() throws Exception {
    Issued issued = TestCertificates.selfSigned("wrap.example.com", TestCertificates.rsaKeyPair(), "wrap.example.com");
    rpc.postForm(RawRpcClient.signed("POST", "UploadServerCertificate",
        Map.of("ServerCertificate", issued.certificatePem(), "PrivateKey", issued.pkcs8KeyPem(), "ServerCertificateName", "wrap")));

    RawRpcClient.Answer answer = rpc.get(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of()));

    assertThat(answer.contentType()).isEqualTo("application/json;charset=utf-8");
    assertThat(answer.body().path("RequestId").asText()).isNotBlank();
    var certificate = answer.body().path("ServerCertificates").path("ServerCertificate").get(0);
    assertThat(certificate.path("ServerCertificateName").asText()).isEqualTo("wrap");
    assertThat(certificate.path("SubjectAlternativeNames").path("SubjectAlternativeName").get(0).asText()).isEqualTo("wrap.example.com");
    assertThat(certificate.path("Tags").path("Tag").isArray()).isTrue();
    assertThat(certificate.path("ExpireTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  }

  @Test
  void aKeyStsIssuedIsAcceptedOnlyWithItsSecurityTokenAndUntilItExpires() throws Exception {
    emulator.acceptTemporaryKey("STS.NTnow", "s3cret", "CAISnow", java.time.Instant.now().plusSeconds(600));
    emulator.acceptTemporaryKey("STS.NTold", "s3cret", "CAISold", java.time.Instant.now().minusSeconds(1));

    RawRpcClient.Answer withToken = rpc.get(sts("STS.NTnow", Map.of("SecurityToken", "CAISnow")));
    RawRpcClient.Answer withoutToken = rpc.get(sts("STS.NTnow", Map.of()));
    RawRpcClient.Answer otherToken = rpc.get(sts("STS.NTnow", Map.of("SecurityToken", "CAISold")));
    RawRpcClient.Answer expired = rpc.get(sts("STS.NTold", Map.of("SecurityToken", "CAISold")));

    assertThat(withToken.status()).isEqualTo(200);
    assertThat(withoutToken.body().path("Code").asText()).isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");
    assertThat(otherToken.body().path("Code").asText()).isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");
    assertThat(expired.body().path("Code").asText()).isEqualTo("InvalidSecurityToken.Expired");
  }

  private static Map<String, String> sts(String keyId, Map<String, String> extra) {
    return RawRpcClient.signedWith("GET", "DescribeServerCertificates", extra, keyId, "s3cret", java.time.Instant.now(),
        java.util.UUID.randomUUID().toString());
  }

  @Test
  void rejectsABadSignatureAndQuotesTheServerStringToSign() throws Exception {
    Map<String, String> p = new java.util.TreeMap<>(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of()));
    p.put("Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    RawRpcClient.Answer answer = rpc.get(p);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
    assertThat(answer.body().path("Message").asText()).contains("server string to sign is:GET&%2F&AccessKeyId%3Demulator");
  }

  @Test
  void signatureIsCheckedAgainstTheMethodUsed() throws Exception {
    RawRpcClient.Answer answer = rpc.postForm(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of()));

    assertThat(answer.body().path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void rejectsAReusedNonce() throws Exception {
    Map<String, String> first = RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of(), "emulator", "emulator", Instant.now(), "nonce-1");
    Map<String, String> replay = RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of("ServerCertificateId", "x"), "emulator", "emulator", Instant.now(), "nonce-1");

    assertThat(rpc.get(first).status()).isEqualTo(200);
    RawRpcClient.Answer answer = rpc.get(replay);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("Code").asText()).isEqualTo("SignatureNonceUsed");
  }

  @Test
  void rejectsTimestampsMoreThanFifteenMinutesOff() throws Exception {
    Instant now = Instant.now();
    for (Instant off : new Instant[] {now.minus(Duration.ofMinutes(16)), now.plus(Duration.ofMinutes(16))}) {
      RawRpcClient.Answer answer = rpc.get(RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of(), "emulator", "emulator", off, "n-" + off));
      assertThat(answer.body().path("Code").asText()).isEqualTo("InvalidTimeStamp.Expired");
    }
    RawRpcClient.Answer close = rpc.get(RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of(), "emulator", "emulator", now.minus(Duration.ofMinutes(14)), "n-close"));
    assertThat(close.status()).isEqualTo(200);
  }

  @Test
  void countsEachCallersCallsByTheTimeTheyWereSignedNotByWhenTheyArrived() throws Exception {
    Instant now = Instant.now();
    Instant minuteAgo = now.minus(Duration.ofMinutes(1));
    rpc.get(RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of(), "emulator", "emulator", minuteAgo, "n-old"));
    rpc.get(RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of(), "emulator", "emulator", now, "n-new"));
    rpc.get(RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of(), "nobody", "x", now, "n-stranger"));

    assertThat(emulator.callsReceivedFrom("emulator", "DescribeServerCertificates")).isEqualTo(2);
    assertThat(emulator.callsSignedFrom("emulator", "DescribeServerCertificates", minuteAgo)).isEqualTo(2);
    assertThat(emulator.callsSignedFrom("emulator", "DescribeServerCertificates", minuteAgo.plusSeconds(1))).isEqualTo(1);
    assertThat(emulator.callsSignedFrom("emulator", "DescribeServerCertificates", now.plusSeconds(1))).isZero();
    assertThat(emulator.callsSignedFrom("nobody", "DescribeServerCertificates", minuteAgo)).as("counted on arrival, refused or not").isEqualTo(1);
    assertThat(emulator.callsSignedFrom("emulator", "UploadServerCertificate", minuteAgo)).isZero();
  }

  @Test
  void rejectsUnknownAccessKeyAndAcceptsASecurityToken() throws Exception {
    RawRpcClient.Answer stranger = rpc.get(RawRpcClient.signedWith("GET", "DescribeServerCertificates", Map.of(), "nobody", "x", Instant.now(), "n-stranger"));
    RawRpcClient.Answer sts = rpc.get(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of("SecurityToken", "token")));

    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.body().path("Code").asText()).isEqualTo("InvalidAccessKeyId.NotFound");
    assertThat(sts.status()).isEqualTo(200);
  }

  @Test
  void rejectsMissingSignatureParts() throws Exception {
    Map<String, String> p = new java.util.TreeMap<>(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of()));
    p.remove("SignatureNonce");

    assertThat(rpc.get(p).body().path("Code").asText()).isEqualTo("IncompleteSignature");
  }

  @Test
  void unknownActionAndMissingParameterGetTheirErrors() throws Exception {
    RawRpcClient.Answer unknown = rpc.get(RawRpcClient.signed("GET", "DescribeNothing", Map.of()));
    RawRpcClient.Answer missing = rpc.get(RawRpcClient.signed("GET", "DeleteServerCertificate", Map.of()));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("Code").asText()).isEqualTo("InvalidAction.NotFound");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().path("Code").asText()).isEqualTo("MissingParameter");
    assertThat(missing.body().path("Message").asText()).contains("ServerCertificateId");
  }

  @Test
  void acceptsRequestLinesOfSixtyFourKilobytes() throws Exception {
    Issued issued = TestCertificates.chainOfDepth("long.example.com", 120);
    Map<String, String> p = RawRpcClient.signed("POST", "UploadServerCertificate",
        Map.of("ServerCertificate", issued.chainPem(), "PrivateKey", issued.pkcs8KeyPem(), "ServerCertificateName", "long"));

    RawRpcClient.Answer answer = rpc.postQuery(p);

    assertThat(RawRpcClient.form(p).length()).isGreaterThan(64 * 1024);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("CommonName").asText()).isEqualTo("long.example.com");
    assertThat(emulator.snapshot().certificates()).hasSize(1);
  }

  @Test
  void controlApiShowsStateAndCallsAndResets() throws Exception {
    Issued issued = TestCertificates.selfSigned("ctl.example.com", TestCertificates.rsaKeyPair());
    rpc.postForm(RawRpcClient.signed("POST", "UploadServerCertificate",
        Map.of("ServerCertificate", issued.certificatePem(), "PrivateKey", issued.pkcs8KeyPem(), "ServerCertificateName", "ctl")));

    RawRpcClient.Answer state = rpc.control("GET", "/_emulator/state", null);
    RawRpcClient.Answer calls = rpc.control("GET", "/_emulator/calls", null);

    assertThat(state.body().path("certificates").get(0).path("name").asText()).isEqualTo("ctl");
    assertThat(state.body().path("certificates").get(0).path("fingerprint").asText()).hasSize(59);
    assertThat(calls.body().path("calls").path("UploadServerCertificate").path("Success").asLong()).isEqualTo(1);

    rpc.control("POST", "/_emulator/reset", null);
    assertThat(rpc.control("GET", "/_emulator/state", null).body().path("certificates")).isEmpty();
    assertThat(rpc.control("GET", "/_emulator/calls", null).body().path("calls").size()).isZero();
  }

  @Test
  void controlApiInjectsCountedFaults() throws Exception {
    RawRpcClient.Answer added = rpc.control("POST", "/_emulator/faults",
        "[{\"action\":\"DescribeServerCertificates\",\"kind\":\"error\",\"code\":\"SystemBusy\",\"httpStatus\":449,\"count\":2}]");

    assertThat(added.status()).isEqualTo(200);
    assertThat(rpc.get(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of())).status()).isEqualTo(449);
    assertThat(rpc.get(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of())).body().path("Code").asText()).isEqualTo("SystemBusy");
    assertThat(rpc.get(RawRpcClient.signed("GET", "DescribeServerCertificates", Map.of())).status()).isEqualTo(200);
    assertThat(rpc.control("GET", "/_emulator/calls", null).body().path("faultsInjected").path("ERROR").asLong()).isEqualTo(2);
  }

  @Test
  void controlApiCommitThenFailCommitsTheAction() throws Exception {
    rpc.control("POST", "/_emulator/faults", "{\"action\":\"CreateLoadBalancer\",\"kind\":\"commitThenFail\",\"count\":1}");

    RawRpcClient.Answer answer = rpc.get(RawRpcClient.signed("GET", "CreateLoadBalancer", Map.of("LoadBalancerName", "x")));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body().path("Code").asText()).isEqualTo("ServiceUnavailable");
    assertThat(emulator.snapshot().loadBalancers()).hasSize(1);
  }

  @Test
  void controlApiRefusesAMalformedFault() throws Exception {
    RawRpcClient.Answer answer = rpc.control("POST", "/_emulator/faults", "{\"kind\":\"explode\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("error").asText()).contains("kind must be");
  }

  @Test
  void theControlApiMakesALoadBalancerWithAnHttpsListenerSoABlockedDeletionCanBeTriedByHand() throws Exception {
    Issued issued = TestCertificates.selfSigned("hand.example.com", TestCertificates.rsaKeyPair(), "hand.example.com");
    String id = rpc.postForm(RawRpcClient.signed("POST", "UploadServerCertificate",
        Map.of("ServerCertificate", issued.certificatePem(), "PrivateKey", issued.pkcs8KeyPem()))).body().path("ServerCertificateId").asText();

    RawRpcClient.Answer made = rpc.control("POST", "/_emulator/load-balancers",
        "{\"regionId\":\"cn-hangzhou\",\"name\":\"web-lb\",\"httpsListeners\":[{\"port\":443,\"serverCertificateId\":\"" + id + "\"}]}");
    RawRpcClient.Answer refused = rpc.control("POST", "/_emulator/load-balancers",
        "{\"httpsListeners\":[{\"port\":443,\"serverCertificateId\":\"no-such-certificate\"}]}");

    assertThat(made.status()).isEqualTo(200);
    String lb = made.body().path("loadBalancerId").asText();
    assertThat(emulator.snapshot().loadBalancers()).filteredOn(l -> l.id().equals(lb)).singleElement()
        .satisfies(l -> assertThat(l.listeners()).singleElement().satisfies(listener -> assertThat(listener.serverCertificateId()).isEqualTo(id)));
    assertThat(rpc.postForm(RawRpcClient.signed("POST", "DeleteServerCertificate", Map.of("ServerCertificateId", id))).body().path("Code").asText())
        .isEqualTo("CertificateAndPrivateKeyIsRefered");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").asText()).contains("ServerCertificateId.NotFound");

    RawRpcClient.Answer deleted = rpc.control("DELETE", "/_emulator/load-balancers/" + lb, "");
    RawRpcClient.Answer again = rpc.control("DELETE", "/_emulator/load-balancers/" + lb, "");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(emulator.snapshot().loadBalancers()).noneMatch(l -> l.id().equals(lb));
    assertThat(rpc.postForm(RawRpcClient.signed("POST", "DeleteServerCertificate", Map.of("ServerCertificateId", id))).body().path("Code")
        .asText()).as("the listener went with its load balancer").isNotEqualTo("CertificateAndPrivateKeyIsRefered");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().path("error").asText()).contains("NotFound");
  }
}
