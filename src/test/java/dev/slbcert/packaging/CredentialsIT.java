package dev.slbcert.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.emulator.StsStandIn;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * RRSA end to end, as the chart configures it on ACK: the built jar runs with
 * ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE, and the
 * SDK's own OIDC provider calls STS at its real names (https://sts.cn-hangzhou.aliyuncs.com, and
 * sts-vpc.cn-hangzhou with SLBCERT_NETWORK=vpc), which resolve to a stand-in on this namespace's
 * loopback (the JDK's hosts file) serving a certificate of a test CA the operator's JVM trusts. The
 * emulator accepts only the keys that stand-in issued, each with its SecurityToken.
 *
 * <p>The other kinds of credentials fail as clearly: an ECS RAM role whose metadata service cannot be
 * reached, an AccessKey SLB does not know.
 *
 * <p>Runs only in the loopback-only network namespace of the real-CCM tier ({@code .ci/ccm-e2e}):
 * nowhere else may those names be resolved, nor the metadata address tried.
 */
@EnabledIfEnvironmentVariable(named = "SLBCERT_CCM_TIER", matches = "1")
class CredentialsIT {
  private static final Path JAR = Path.of(System.getProperty("slbcert.jar", "target/slb-certificate-operator.jar"));
  private static final String ROLE = "acs:ram::1234567890123456:role/slb-certificate-operator";
  private static final String PROVIDER = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0ffee";
  private static RealApiServer api;
  private static SlbEmulator emulator;
  private static StsStandIn sts;
  private static Path dir;
  private static Path trustStore;
  private static Path hosts;

  @BeforeAll
  static void startApiServerEmulatorAndSts() throws Exception {
    api = RealApiServer.get();
    api.applyCrd();
    emulator = SlbEmulator.start(EmulatorSettings.defaults());
    dir = Files.createTempDirectory("rrsa");
    var issued = TestCertificates.chainOfThree("sts.cn-hangzhou.aliyuncs.com", "sts.cn-hangzhou.aliyuncs.com", "sts-vpc.cn-hangzhou.aliyuncs.com");
    char[] password = "changeit".toCharArray();
    KeyStore server = KeyStore.getInstance("PKCS12");
    server.load(null, null);
    List<Certificate> chain = new ArrayList<>(List.of(issued.certificate()));
    chain.addAll(issued.issuers());
    server.setKeyEntry("sts", issued.keyPair().getPrivate(), password, chain.toArray(Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(server, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    sts = StsStandIn.start(new InetSocketAddress("127.0.0.1", 443), tls, emulator, Duration.ofMinutes(15));
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("test-root", issued.issuers().get(issued.issuers().size() - 1));
    trustStore = dir.resolve("truststore.p12");
    try (var out = Files.newOutputStream(trustStore)) {
      trusted.store(out, password);
    }
    hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost sts.cn-hangzhou.aliyuncs.com sts-vpc.cn-hangzhou.aliyuncs.com\n");
  }

  @AfterAll
  static void stopAll() {
    if (sts != null) {
      sts.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void theOperatorAssumesTheRoleAtStsSignsWithTheTemporaryKeyAndReadsARotatedTokenAtTheNextRefresh() throws Exception {
    sts.trustRole(ROLE);
    sts.acceptToken("token-1");
    Path token = Files.writeString(dir.resolve("token-public"), "token-1");
    String ns = "rrsa-public";
    TestResources.namespace(api.admin(), ns);
    int requestsBefore = sts.requests().size();

    try (Operator operator = Operator.start(ROLE, token, "public", "PT1S", ns)) {
      TestResources.certificateFromNewSecret(api.admin(), ns, "shop");
      await().atMost(Duration.ofSeconds(60)).until(() -> OperatorHarness.isReady(get(ns, "shop")));

      StsStandIn.Request first = sts.requests().get(requestsBefore);
      assertThat(first.host()).isEqualTo("sts.cn-hangzhou.aliyuncs.com");
      assertThat(first.roleArn()).isEqualTo(ROLE);
      assertThat(first.oidcProviderArn()).isEqualTo(PROVIDER);
      assertThat(first.oidcToken()).isEqualTo("token-1");
      assertThat(first.roleSessionName()).isEqualTo("slb-certificate-operator");
      String firstKey = sts.issued().get(sts.issued().size() - 1).accessKeyId();
      assertThat(emulator.callsReceivedFrom(firstKey, "UploadServerCertificate")).as("uploaded with STS's temporary key").isEqualTo(1);

      // the token is rotated (as the kubelet does): the next refresh reads it
      sts.acceptToken("token-2");
      Files.writeString(token, "token-2");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        renew(ns, "shop");
        return sts.requests().stream().anyMatch(r -> "token-2".equals(r.oidcToken()));
      });
      String laterKey = sts.issued().get(sts.issued().size() - 1).accessKeyId();
      renew(ns, "shop");
      assertThat(laterKey).isNotEqualTo(firstKey);
      assertThat(emulator.callsReceivedFrom(laterKey, "UploadServerCertificate")).as("a renewal uploaded with the refreshed key").isPositive();

      // a token STS refuses: the next refresh fails, and says so; a good token again, and it works again
      Files.writeString(token, "token-revoked");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        requestCheck(ns, "shop");
        return sts.requests().stream().anyMatch(r -> "token-revoked".equals(r.oidcToken()));
      });
      await().atMost(Duration.ofSeconds(60)).until(() -> Conditions.CREDENTIALS_UNAVAILABLE.equals(readyReason(get(ns, "shop"))));
      assertThat(ready(get(ns, "shop")).getMessage()).contains("STS https://sts.cn-hangzhou.aliyuncs.com", ROLE,
          "STS refused AssumeRoleWithOIDC: InvalidParameter.OIDCToken");
      Files.writeString(token, "token-2");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        requestCheck(ns, "shop");
        return OperatorHarness.isReady(get(ns, "shop"));
      });
      assertThat(operator.output()).contains("SLB credentials work again");
    }
    assertThat(emulator.calls().values().stream().flatMap(m -> m.keySet().stream())).as("no call refused for its token")
        .noneMatch(outcome -> outcome.startsWith("InvalidSecurityToken") || outcome.startsWith("InvalidAccessKeyId"));
  }

  @Test
  void aRoleWhoseTrustPolicyRefusesTheTokenIsOneWarningAndAReasonOfItsOwnUntilItIsFixedThroughTheVpcEndpoint() throws Exception {
    String role = "acs:ram::1234567890123456:role/not-yet-trusted";
    sts.acceptToken("token-vpc");
    Path token = Files.writeString(dir.resolve("token-vpc"), "token-vpc");
    String ns = "rrsa-vpc";
    TestResources.namespace(api.admin(), ns);

    try (Operator operator = Operator.start(role, token, "vpc", null, ns)) {
      TestResources.certificateFromNewSecret(api.admin(), ns, "shop");
      await().atMost(Duration.ofSeconds(60)).until(() -> Conditions.CREDENTIALS_UNAVAILABLE.equals(readyReason(get(ns, "shop"))));
      await().atMost(Duration.ofSeconds(60)).until(() -> sts.requests().stream().filter(r -> role.equals(r.roleArn())).count() >= 3);

      assertThat(ready(get(ns, "shop")).getMessage()).contains("STS https://sts-vpc.cn-hangzhou.aliyuncs.com", role, PROVIDER,
          "STS refused AssumeRoleWithOIDC: NoPermission");
      assertThat(sts.requests().stream().filter(r -> role.equals(r.roleArn()))).allMatch(r -> r.host().equals("sts-vpc.cn-hangzhou.aliyuncs.com"));
      assertThat(operator.output().lines().filter(l -> l.contains("WARN") && l.contains("SLB credentials:")))
          .as("one warning, however often STS refuses").singleElement().asString().contains("its trust policy does not allow the OIDC provider");
      assertThat(emulator.calls().getOrDefault("DescribeServerCertificates", Map.of())).as("nothing reached SLB").isEmpty();

      sts.trustRole(role);
      await().atMost(Duration.ofSeconds(60)).until(() -> OperatorHarness.isReady(get(ns, "shop")));
      assertThat(operator.output()).contains("SLB credentials work again");
    }
  }

  @Test
  void anEcsRamRoleWhoseMetadataServiceCannotBeReachedSaysSoOnce() throws Exception {
    String ns = "ecs-role";
    TestResources.namespace(api.admin(), ns);

    // the network namespace has no route to 100.100.100.200: the metadata service is unreachable
    try (Operator operator = Operator.start(Map.of("ALIBABA_CLOUD_ECS_METADATA", "slb-operator"), "public", null, ns)) {
      TestResources.certificateFromNewSecret(api.admin(), ns, "shop");
      await().atMost(Duration.ofSeconds(60)).until(() -> Conditions.CREDENTIALS_UNAVAILABLE.equals(readyReason(get(ns, "shop"))));
      requestCheck(ns, "shop");
      await().atMost(Duration.ofSeconds(60)).until(() -> Conditions.CREDENTIALS_UNAVAILABLE.equals(readyReason(get(ns, "shop")))
          && ready(get(ns, "shop")).getMessage() != null);

      assertThat(ready(get(ns, "shop")).getMessage()).contains("ECS RAM role: ", "role slb-operator", "instance metadata service http://100.100.100.200");
      assertThat(operator.output().lines().filter(l -> l.contains("WARN") && l.contains("SLB credentials:"))).hasSize(1);
    }
  }

  @Test
  void anAccessKeySlbDoesNotKnowIsAccessDeniedAndOneWarning() throws Exception {
    String ns = "bad-key";
    TestResources.namespace(api.admin(), ns);

    try (Operator operator = Operator.start(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-not-known", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "wrong"),
        "public", null, ns)) {
      TestResources.certificateFromNewSecret(api.admin(), ns, "shop");
      await().atMost(Duration.ofSeconds(60)).until(() -> Conditions.ACCESS_DENIED.equals(readyReason(get(ns, "shop"))));
      await().atMost(Duration.ofSeconds(60)).until(() -> emulator.callsReceivedFrom("LTAI-not-known", "DescribeServerCertificates") >= 2);

      assertThat(ready(get(ns, "shop")).getMessage()).contains("InvalidAccessKeyId.NotFound", "check ALIBABA_CLOUD_ACCESS_KEY_ID");
      assertThat(operator.output().lines().filter(l -> l.contains("WARN") && l.contains("SLB credentials:")))
          .singleElement().asString().contains("AccessKey LTAI-not-known", "SLB does not know this AccessKey id");
    }
  }

  private static void renew(String ns, String name) {
    String before = get(ns, name).getStatus().getServerCertificateId();
    var issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
    api.admin().secrets().inNamespace(ns).withName(name).edit(s -> {
      s.setData(Map.of("tls.crt", OperatorHarness.base64(issued.chainPem()), "tls.key", OperatorHarness.base64(issued.pkcs8KeyPem())));
      return s;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> !before.equals(get(ns, name).getStatus().getServerCertificateId()));
  }

  /** Asks the operator to look at the resource now (kubectl annotate ... slbcert.dev/check-requested-at=...). */
  private static void requestCheck(String ns, String name) {
    api.admin().resources(ServerCertificate.class).inNamespace(ns).withName(name).edit(sc -> {
      Map<String, String> annotations = new LinkedHashMap<>(sc.getMetadata().getAnnotations() == null ? Map.of() : sc.getMetadata().getAnnotations());
      annotations.put(dev.slbcert.reconciler.ReconciledChanges.CHECK_REQUESTED_AT, java.time.Instant.now().toString());
      sc.getMetadata().setAnnotations(annotations);
      return sc;
    });
  }

  private static ServerCertificate get(String ns, String name) {
    return api.admin().resources(ServerCertificate.class).inNamespace(ns).withName(name).get();
  }

  private static Condition ready(ServerCertificate resource) {
    return OperatorHarness.condition(resource, Conditions.READY);
  }

  private static String readyReason(ServerCertificate resource) {
    return OperatorHarness.readyReason(resource);
  }

  /** The built jar's {@code run}, with RRSA's variables as the chart sets them. */
  private record Operator(Process process, StringBuffer log) implements AutoCloseable {
    static Operator start(String role, Path token, String network, String renewAfter, String namespace) throws Exception {
      return start(Map.of("ALIBABA_CLOUD_ROLE_ARN", role, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", PROVIDER, "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
          token.toString()), network, renewAfter, namespace);
    }

    /** @param credentials the variables of one kind of credentials, as the chart sets them */
    static Operator start(Map<String, String> credentials, String network, String renewAfter, String namespace) throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Djdk.net.hosts.file=" + hosts, "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
          "-Djavax.net.ssl.trustStoreType=PKCS12"));
      if (renewAfter != null) {
        command.add("-Dslbcert.sts.renewAfter=" + renewAfter);
      }
      command.addAll(List.of("-jar", JAR.toString(), "run"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("ALIBABA_CLOUD_") || k.startsWith("SLBCERT_"));
      Map<String, String> env = new LinkedHashMap<>();
      env.put("KUBECONFIG", api.adminKubeconfig().toString());
      env.put("SLBCERT_SLB_ENDPOINT", emulator.endpoint().toString());
      env.put("SLBCERT_NETWORK", network);
      env.put("SLBCERT_WATCH_NAMESPACES", namespace);
      env.put("SLBCERT_STS_REGION", "cn-hangzhou");
      env.putAll(credentials);
      env.put("SLBCERT_HTTP_PORT", String.valueOf(port));
      env.put("SLBCERT_METRICS_PORT", "0");
      env.put("SLBCERT_LEADER_ELECTION", "false");
      env.put("SLBCERT_DELETE_RETRY_MAX", "2s");
      builder.environment().putAll(env);
      Process process = builder.start();
      StringBuffer log = new StringBuffer();
      Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
          .lines().forEach(l -> log.append(l).append('\n')));
      reader.setDaemon(true);
      reader.start();
      return new Operator(process, log);
    }

    String output() {
      return log.toString();
    }

    @Override
    public void close() throws Exception {
      process.toHandle().destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.writeString(Path.of("target", "credentials-operator-" + process.pid() + ".log"), output());
    }
  }
}
