package dev.slbcert.hygiene;

import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.FaultRule;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.metrics.OperatorMetrics;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.SlbException;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.SlbEmulatorExtension;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The whole lifecycle with a canary private key, everything logged at TRACE, faults on the way:
 * no fragment of the key may show in logs, Events, status, exception messages or metrics.
 */
class SecretHygieneTest {
  private static final String NS = "hygiene";

  /** Collects every formatted log line and stack trace. */
  static final class Capture extends AppenderBase<ILoggingEvent> {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLoggerName().startsWith("io.fabric8.kubernetes.client.server.mock") || event.getLoggerName().startsWith("io.fabric8.mockwebserver")) {
        return; // the API server's own log: in a cluster that is another process, which holds the Secret anyway
      }
      lines.add(event.getLoggerName() + " " + event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
  }

  @Test
  void theCanaryKeyNeverLeavesTheSecret() throws Exception {
    TestCertificates.Issued canary = TestCertificates.selfSigned("canary.example.com", TestCertificates.newRsaKeyPair());
    String keyPem = canary.pkcs8KeyPem();
    List<String> fragments = fragmentsOf(keyPem);
    Capture capture = new Capture();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    capture.start();
    root.addAppender(capture);
    root.setLevel(Level.TRACE);
    List<String> exposed = new ArrayList<>();
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults())) {
      OperatorMetrics metrics = new OperatorMetrics(Clock.systemUTC());
      try (AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null))
              .withQps(0).withReadTimeout(Duration.ofMillis(500)).withRetry(SlbEmulatorExtension.FAST_RETRY)).addListener(metrics);
          OperatorRuntime operator = new OperatorRuntime(kubernetes.newClient(), slb, new ReconcilerSettings(Duration.ofSeconds(3),
              Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(500)), Set.of(NS), Clock.systemUTC(), metrics, null).start()) {
        var kube = kubernetes.client();
        TestResources.namespace(kube, NS);
        // Faults whose messages are the likeliest to quote a request: a lost answer, a timeout, a refused key.
        emulator.addFault(FaultRule.commitThenFail("UploadServerCertificate", true, 1));
        emulator.addFault(FaultRule.delay("UploadServerCertificate", 800, 1));
        kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, "canary", canary.chainPem(), keyPem)).create();
        kube.resources(ServerCertificate.class).inNamespace(NS).resource(TestResources.serverCertificate(NS, "canary", "canary")).create();
        var resources = kube.resources(ServerCertificate.class).inNamespace(NS);
        await().atMost(Duration.ofSeconds(30)).until(() -> isReady(resources.withName("canary").get()));

        // A mismatched key (the canary with another certificate) and a wrong secret while uploading the canary.
        var other = TestCertificates.selfSigned("other.example.com", TestCertificates.rsaKeyPair());
        kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, "mismatch", other.certificatePem(), keyPem)).create();
        kube.resources(ServerCertificate.class).inNamespace(NS).resource(TestResources.serverCertificate(NS, "mismatch", "mismatch")).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> "InvalidCertificate".equals(OperatorHarness.readyReason(resources.withName("mismatch").get())));
        try (AliyunSlbClient wrong = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "x", null)).withQps(0))) {
          wrong.upload(CertificateUpload.pem(REGION, "x", null, canary.certificatePem(), keyPem));
        } catch (SlbException e) {
          exposed.add(e.getMessage());
          exposed.add(e.toString());
        }
        try {
          slb.upload(CertificateUpload.pem(REGION, "x", null, other.certificatePem(), keyPem));
        } catch (SlbException e) {
          exposed.add(e.getMessage());
        }
        exposed.add(CertificateUpload.pem(REGION, "x", null, canary.certificatePem(), keyPem).toString());

        // Rotation, then a blocked deletion, then release.
        String firstId = resources.withName("canary").get().getStatus().getServerCertificateId();
        String lb = slb.createLoadBalancer(REGION, "lb");
        slb.createHttpsListener(REGION, lb, 443, firstId);
        resources.withName("canary").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.condition(resources.withName("canary").get(), "DeletionBlocked") != null);
        exposed.add(Serialization.asJson(resources.list().getItems()));
        slb.deleteListener(REGION, lb, 443);
        await().atMost(Duration.ofSeconds(20)).until(() -> resources.withName("canary").get() == null);

        for (Event e : kube.v1().events().inNamespace(NS).list().getItems()) {
          exposed.add(e.getReason() + " " + e.getMessage());
        }
        exposed.add(Serialization.asJson(resources.list().getItems()));
        exposed.add(metrics.scrape());
      }
    } finally {
      root.detachAppender(capture);
      root.setLevel(before);
    }
    exposed.addAll(capture.lines);

    assertThat(capture.lines).as("TRACE logging captured the run").hasSizeGreaterThan(100);
    for (String text : exposed) {
      for (String fragment : fragments) {
        assertThat(text).as("a fragment of the private key leaked").doesNotContain(fragment);
      }
      assertThat(text).doesNotContain("PRIVATE KEY");
    }
  }

  @Test
  void theShippedLoggingConfigurationSilencesLoggersThatPrintRequests() throws Exception {
    String config = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/logback.xml"));

    assertThat(config)
        .contains("<logger name=\"org.apache.http\" level=\"WARN\"/>")
        .contains("<logger name=\"io.fabric8.kubernetes.client.http.HttpLoggingInterceptor\" level=\"OFF\"/>")
        .contains("<logger name=\"com.aliyuncs\" level=\"WARN\"/>")
        .contains("<logger name=\"io.fabric8.kubernetes.client.server.mock\" level=\"INFO\"/>");
  }

  /** Pieces of the key as they could appear: PEM body lines, the Secret's base64 of the PEM, the raw DER in base64. */
  private static List<String> fragmentsOf(String keyPem) {
    List<String> fragments = new ArrayList<>();
    keyPem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 24).forEach(l -> fragments.add(l.substring(4, 24)));
    String secretData = Base64.getEncoder().encodeToString(keyPem.getBytes(StandardCharsets.UTF_8));
    for (int i = 40; i + 20 < secretData.length(); i += 200) {
      fragments.add(secretData.substring(i, i + 20));
    }
    String urlEncoded = java.net.URLEncoder.encode(keyPem, StandardCharsets.UTF_8);
    fragments.add(urlEncoded.substring(60, 90));
    return fragments;
  }
}
