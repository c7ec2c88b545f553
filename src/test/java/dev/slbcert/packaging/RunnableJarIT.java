package dev.slbcert.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.slb.AliyunSlbClient;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.support.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The built jar, started as users start it. */
class RunnableJarIT {
  private static final Path JAR = Path.of(System.getProperty("slbcert.jar", "target/slb-certificate-operator.jar"));

  @Test
  void emulatorCommandServesTheSdkFromTheJar() throws Exception {
    Process process = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "emulator", "--port", "0",
        "--access-key-id", "jar-key", "--access-key-secret", "jar-secret")
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher m = Pattern.compile("SLB emulator listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(line));
      assertThat(m.matches()).as("first line: %s", line).isTrue();

      try (AliyunSlbClient client = new AliyunSlbClient(SlbClientSettings.of(URI.create(m.group(1)),
          new SlbCredentials.StaticKeys("jar-key", "jar-secret", null)))) {
        var issued = TestCertificates.selfSigned("jar.example.com", TestCertificates.rsaKeyPair());
        String id = client.upload(CertificateUpload.pem("cn-shanghai", "jar", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
        assertThat(client.list("cn-shanghai")).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(id));
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void runWithoutCredentialsFailsWithAMessageThatSaysWhatToSet() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "run").redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("ALIBABA_CLOUD_") || k.startsWith("SLBCERT_"));
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(text).contains("ALIBABA_CLOUD_ACCESS_KEY_ID").doesNotContain("Exception");
  }

  @Test
  void runWithAMalformedSettingNamesIt() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString()).redirectErrorStream(true);
    builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_ID", "id");
    builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret");
    builder.environment().put("SLBCERT_RESYNC_INTERVAL", "often");
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(text).contains("SLBCERT_RESYNC_INTERVAL=often");
  }

  @Test
  void demoWalksThroughTheLifecycleAndExitsZero() throws Exception {
    Process process = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "demo").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(text).isZero();
    assertThat(text)
        .contains("=== Step 4")
        .containsPattern("shop-tls\\s+True\\s+\\d{16}_")
        .containsPattern("DeletionBlocked\\s+True\\s+CertificateInUse")
        .containsPattern("Warning\\s+DeletionBlocked")
        .contains("No resources found in shop namespace.")
        .contains("Demo finished: every step behaved as shown")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void helpListsTheSubcommands() throws Exception {
    Process process = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(text).contains("emulator").contains("run").contains("demo");
  }

  @Test
  void jarMergesServiceFilesOfItsDependencies() throws Exception {
    assertThat(Files.exists(JAR)).isTrue();
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      var entry = zip.getEntry("META-INF/services/io.fabric8.kubernetes.client.http.HttpClient$Factory");
      assertThat(entry).as("fabric8 HTTP client service file").isNotNull();
      String factories = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(factories).contains("io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory").doesNotContain("vertx");
      List<String> kubernetesResources = zip.stream().map(e -> e.getName())
          .filter(n -> n.equals("META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource")).toList();
      assertThat(kubernetesResources).hasSize(1);
      String resources = new String(zip.getInputStream(zip.getEntry(kubernetesResources.get(0))).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(resources.lines().count()).as("service entries merged from several fabric8 model jars").isGreaterThan(100);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
