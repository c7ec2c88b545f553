package dev.slbcert.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver v1.26 with etcd (fabric8 kube-api-test), one per test JVM, started on first
 * use and stopped when the JVM ends. It enforces what a cluster enforces: CRD schemas and CEL rules,
 * RBAC, Lease semantics and optimistic concurrency. Every request is written to an audit log, so
 * tests can see which calls an identity made and which the server refused.
 *
 * <p>kube-api-test takes the binaries from {@code ~/.kubeapitest/k8s/<version>-linux-amd64} (or
 * {@code $KUBE_API_TEST_DIR}) and downloads them when that directory is empty; with neither, the
 * tests that use this class fail.
 */
public final class RealApiServer {
  private static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived"]
      rules:
        - level: Metadata
      """;
  private static RealApiServer instance;

  private final KubeAPIServer server;
  private final Path directory;
  private final Path auditLog;
  private final Path adminKubeconfig;
  private final Config adminConfig;
  private final KubernetesClient admin;

  private RealApiServer() throws IOException {
    directory = Files.createTempDirectory("real-apiserver");
    auditLog = directory.resolve("audit.log");
    Path policy = Files.writeString(directory.resolve("audit-policy.yaml"), AUDIT_POLICY);
    KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withApiServerFlag("--audit-policy-file", policy.toString())
        .withApiServerFlag("--audit-log-path", auditLog.toString())
        .withStartupTimeout(120_000);
    if ("1".equals(System.getenv("SLBCERT_CCM_TIER"))) {
      config.withApiServerFlag("--advertise-address", "127.0.0.1"); // a network namespace with loopback only has no default route
    }
    server = new KubeAPIServer(config.build());
    server.start();
    adminKubeconfig = Files.writeString(directory.resolve("admin-kubeconfig.yaml"), server.getKubeConfigYaml());
    adminConfig = Config.fromKubeconfig(server.getKubeConfigYaml());
    admin = new KubernetesClientBuilder().withConfig(adminConfig).build();
  }

  /** The server of this JVM, started on first use. */
  public static synchronized RealApiServer get() {
    if (instance == null) {
      try {
        instance = new RealApiServer();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      RealApiServer started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "real-apiserver-stop"));
    }
    return instance;
  }

  private void stop() {
    admin.close();
    server.stop();
  }

  /** A client in group system:masters (the cluster's administrator). */
  public KubernetesClient admin() {
    return admin;
  }

  /** A kubeconfig of the administrator, for helm and kubectl. */
  public Path adminKubeconfig() {
    return adminKubeconfig;
  }

  public String url() {
    return adminConfig.getMasterUrl();
  }

  /** Applies the committed CRD (crds/) and waits until it is Established. */
  public void applyCrd() {
    CustomResourceDefinition crd;
    try (var in = Files.newInputStream(Path.of("crds/servercertificates.slbcert.dev-v1.yml"))) {
      crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
    admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
            .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())), 30, TimeUnit.SECONDS);
  }

  /** The PEM of the CA that signed the server's certificate (what a pod finds in its ca.crt). */
  public String caCertificatePem() {
    try {
      return adminConfig.getCaCertFile() != null ? Files.readString(Path.of(adminConfig.getCaCertFile()))
          : new String(java.util.Base64.getDecoder().decode(adminConfig.getCaCertData()), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token of a ServiceAccount, issued by the TokenRequest API (as the kubelet mounts into a pod). */
  public String token(String namespace, String serviceAccount) {
    return admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(Duration.ofHours(2).toSeconds()).endSpec().build())
        .getStatus().getToken();
  }

  /** A client that authenticates with a ServiceAccount's token only. */
  public KubernetesClient clientAs(String namespace, String serviceAccount) {
    return clientAs(namespace, serviceAccount, http -> {});
  }

  /** The same, with its HTTP client set up further (an interceptor, as the operator's leader election installs). */
  public KubernetesClient clientAs(String namespace, String serviceAccount,
      java.util.function.Consumer<io.fabric8.kubernetes.client.http.HttpClient.Builder> http) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(adminConfig.getMasterUrl())
        .withCaCertFile(adminConfig.getCaCertFile())
        .withCaCertData(adminConfig.getCaCertData())
        .withOauthToken(token(namespace, serviceAccount))
        .withNamespace(namespace)
        .build();
    return new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(http).build();
  }

  /** A kubeconfig that authenticates with a ServiceAccount's token only, for a separate process. */
  public Path kubeconfigAs(String namespace, String serviceAccount) {
    String ca = adminConfig.getCaCertFile() != null ? "certificate-authority: \"" + adminConfig.getCaCertFile() + "\""
        : "certificate-authority-data: " + adminConfig.getCaCertData();
    String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: real\n  cluster: {server: \"" + url() + "\", " + ca + "}\n"
        + "contexts:\n- name: real\n  context: {cluster: real, user: sa, namespace: " + namespace + "}\ncurrent-context: real\n"
        + "users:\n- name: sa\n  user: {token: \"" + token(namespace, serviceAccount) + "\"}\n";
    try {
      return Files.writeString(Files.createTempFile(directory, "kubeconfig-" + serviceAccount, ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a kubectl command printed (stdout and stderr) and its exit status. */
  public record KubectlResult(int exitCode, String output) {}

  /** Runs kubectl (the one kube-api-test uses) as the administrator, with {@code stdin} as its input. */
  public KubectlResult kubectl(String stdin, String... arguments) {
    List<String> command = new ArrayList<>(List.of(kubectlBinary().toString(), "--kubeconfig", adminKubeconfig.toString()));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (var in = process.getOutputStream()) {
        in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + arguments[0] + " did not finish in 60 s");
      }
      return new KubectlResult(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path kubectlBinary() {
    String dir = System.getenv().getOrDefault("KUBE_API_TEST_DIR", System.getProperty("user.home") + "/" + KubeAPIServerConfigBuilder.DIRECTORY_NAME);
    try (var versions = Files.list(Path.of(dir, "k8s"))) {
      return versions.map(v -> v.resolve("kubectl")).filter(Files::isExecutable).sorted(java.util.Comparator.reverseOrder()).findFirst()
          .orElseThrow(() -> new IllegalStateException("no kubectl under " + dir + "/k8s"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The user name a ServiceAccount authenticates as. */
  public static String userOf(String namespace, String serviceAccount) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  /** One request in the audit log. */
  public record AuditedCall(String user, String verb, String apiGroup, String resource, String subresource, String namespace,
      String name, int code, String requestUri) {

    public String rbacResource() {
      return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    @Override
    public String toString() {
      return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + rbacResource() + (namespace.isEmpty() ? "" : " in " + namespace)
          + (name.isEmpty() ? "" : " " + name) + " -> " + code;
    }
  }

  /** Every request of {@code user} the server has answered so far (a watch once it started, and again when it ended). */
  public List<AuditedCall> auditedCalls(String user) {
    List<AuditedCall> calls = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try {
      for (String line : Files.readAllLines(auditLog)) {
        JsonNode event = json.readTree(line);
        if (!user.equals(event.path("user").path("username").asText()) || event.path("stage").asText().equals("RequestReceived")) {
          continue;
        }
        JsonNode ref = event.path("objectRef");
        calls.add(new AuditedCall(user, event.path("verb").asText(), ref.path("apiGroup").asText(), ref.path("resource").asText(),
            ref.path("subresource").asText(), ref.path("namespace").asText(), ref.path("name").asText(),
            event.path("responseStatus").path("code").asInt(), event.path("requestURI").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return calls;
  }
}
