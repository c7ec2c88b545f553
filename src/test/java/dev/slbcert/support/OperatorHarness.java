package dev.slbcert.support;

import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.reconciler.ResourceMetrics;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real operator against a Kubernetes API (by default the embedded one, CRD applied) and the SLB
 * emulator over HTTP through the Alibaba SDK. One of each per test class; each test gets its own
 * namespace, a reset emulator and a new operator that watches only that namespace.
 */
public final class OperatorHarness implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  public static final String REGION = "cn-hangzhou";
  public static final ReconcilerSettings FAST = new ReconcilerSettings(
      Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(3));

  private final ReconcilerSettings defaultSettings;
  private ReconcilerSettings settings;
  private final java.util.function.Supplier<KubernetesBackend> backend;
  private String namespacePrefix;
  private KubernetesBackend kubernetes;
  private SlbEmulator emulator;
  private AliyunSlbClient slb;
  private OperatorRuntime operator;
  private KubernetesClient operatorClient;
  /** "METHOD path" of every request the operator's Kubernetes client sent, across restarts, for this test. */
  private final List<String> operatorRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  private int namespaceCounter;
  private String namespace;
  private Clock clock = Clock.systemUTC();
  /** Namespaces watched besides the test's own (for this test only). */
  private final java.util.Set<String> alsoWatched = new java.util.LinkedHashSet<>();

  public OperatorHarness() {
    this(FAST);
  }

  /**
   * Against the API that the system property {@code slbcert.kubernetes} names: {@code embedded}
   * (the default) or {@code real}, the real API server with the chart's identity (see
   * {@link #onRealApiServer}). The build runs the reconciler tests once on each.
   */
  public OperatorHarness(ReconcilerSettings settings) {
    this(settings, "real".equals(System.getProperty("slbcert.kubernetes")) ? KubernetesBackend::realWithChartIdentity : KubernetesBackend::embedded);
  }

  private OperatorHarness(ReconcilerSettings settings, java.util.function.Supplier<KubernetesBackend> backend) {
    this.settings = settings;
    this.defaultSettings = settings;
    this.backend = backend;
  }

  /**
   * On the real API server, with the chart installed: the operator runs with the chart's
   * ServiceAccount token and leader election, as its pods do.
   */
  public static OperatorHarness onRealApiServer() {
    return new OperatorHarness(FAST, KubernetesBackend::realWithChartIdentity);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    kubernetes = backend.get();
    // named after the test class: a real API server is shared by the classes of a JVM, and keeps namespaces
    namespacePrefix = context.getRequiredTestClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase() + "-";
    emulator = SlbEmulator.start(EmulatorSettings.defaults());
    slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null))
        .withQps(0).withReadTimeout(Duration.ofSeconds(2)).withRetry(SlbEmulatorExtension.FAST_RETRY));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    awaitIdle(emulator);
    emulator.reset();
    namespace = namespacePrefix + (++namespaceCounter);
    kubernetes.createNamespace(namespace);
    startOperator();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopOperator();
    operatorRequests.clear();
    alsoWatched.clear();
    clock = Clock.systemUTC();
    settings = defaultSettings;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    slb.close();
    emulator.close();
    kubernetes.close();
  }

  public void startOperator() {
    startOperator(slb);
  }

  /** Starts the operator with its own SLB client (for example one with wrong credentials). */
  public void startOperator(dev.slbcert.slb.SlbClient operatorSlb) {
    OperatorRuntime.LeaderElection election = kubernetes.leaderElection();
    operatorClient = recording(kubernetes.newOperatorClient(), election);
    java.util.Set<String> watched = new java.util.LinkedHashSet<>(List.of(namespace));
    watched.addAll(alsoWatched);
    operator = new OperatorRuntime(operatorClient, operatorSlb, settings, watched, clock, ResourceMetrics.NONE, election).start();
  }

  /** The same identity and server, through a client that records each request's method and path (and fences by the Lease). */
  private KubernetesClient recording(KubernetesClient client, OperatorRuntime.LeaderElection election) {
    KubernetesClient recording = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(client.getConfiguration())
        .withHttpClientBuilderConsumer(builder -> {
          if (election != null) {
            election.installInto(builder);
          }
          builder.addOrReplaceInterceptor("record", new io.fabric8.kubernetes.client.http.Interceptor() {
          @Override
          public void before(io.fabric8.kubernetes.client.http.BasicBuilder request, io.fabric8.kubernetes.client.http.HttpRequest sent,
              RequestTags tags) {
            operatorRequests.add(sent.method() + " " + sent.uri().getRawPath());
          }
        });
        }).build();
    client.close();
    return recording;
  }

  /** The requests the operator sent to the Kubernetes API in this test ("GET /api/v1/namespaces/n/secrets/s"), restarts included. */
  public List<String> operatorRequests() {
    return List.copyOf(operatorRequests);
  }

  /**
   * Makes another namespace (named after the test class, then {@code suffix} and the test's number:
   * no prefix of the test's namespace's name) and restarts the operator watching it too (for this
   * test only); returns its name.
   */
  public String watchAlso(String suffix) {
    String other = namespacePrefix + suffix + namespaceCounter;
    kubernetes.createNamespace(other);
    stopOperator();
    alsoWatched.add(other);
    startOperator();
    return other;
  }

  /** Restarts the operator with other settings (for this test only). */
  public void restartWithSettings(ReconcilerSettings newSettings) {
    stopOperator();
    this.settings = newSettings;
    startOperator();
  }

  /** Restarts the operator with this clock (time as the operator sees it). */
  public void restartWithClock(Clock newClock) {
    stopOperator();
    this.clock = newClock;
    startOperator();
  }

  /** An SDK client of the emulator with other credentials. */
  public AliyunSlbClient slbClientWith(SlbCredentials credentials) {
    return new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), credentials)
        .withQps(0).withReadTimeout(Duration.ofSeconds(2)).withRetry(SlbEmulatorExtension.FAST_RETRY));
  }

  public void stopOperator() {
    if (operator != null) {
      operator.close();
      operatorClient.close();
      operator = null;
    }
  }

  /** Waits until the emulator has answered (or carried out) every call it received, so nothing leaks into the next test. */
  public static void awaitIdle(SlbEmulator slbEmulator) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> slbEmulator.activeCalls() == 0);
  }

  /** See {@link KubernetesBackend#injectPatchConflicts}. */
  public boolean injectPatchConflicts(String path, int times) {
    return kubernetes.injectPatchConflicts(path, times);
  }

  public KubernetesClient kube() {
    return kubernetes.client();
  }

  public SlbEmulator emulator() {
    return emulator;
  }

  /** An SDK client for setting up load balancers and listeners, as another SLB user would. */
  public AliyunSlbClient slb() {
    return slb;
  }

  public String namespace() {
    return namespace;
  }

  /** Opens the test's namespace to adoption and import, as an administrator does: the Namespace label slbcert.dev/adoption=allowed. */
  public void allowAdoption() {
    labelNamespace(namespace, dev.slbcert.ownership.AdoptionPermission.LABEL, dev.slbcert.ownership.AdoptionPermission.ALLOWED);
  }

  /** Sets a label on a namespace (made first where the API has none, as on the embedded one). */
  public void labelNamespace(String name, String key, String value) {
    if (kube().namespaces().withName(name).get() == null) {
      TestResources.namespace(kube(), name);
    }
    kube().namespaces().withName(name).edit(ns -> {
      var labels = new java.util.HashMap<String, String>(ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
      labels.put(key, value);
      ns.getMetadata().setLabels(labels);
      return ns;
    });
  }

  public Secret createTlsSecret(String name, TestCertificates.Issued issued) {
    return kube().secrets().inNamespace(namespace).resource(tlsSecret(name, issued.chainPem(), issued.pkcs8KeyPem())).create();
  }

  public Secret tlsSecret(String name, String certificatePem, String keyPem) {
    return TestResources.tlsSecret(namespace, name, certificatePem, keyPem);
  }

  public static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public ServerCertificate createFromSecret(String name, String secretName) {
    return kube().resources(ServerCertificate.class).inNamespace(namespace).resource(TestResources.serverCertificate(namespace, name, secretName)).create();
  }

  public ServerCertificate create(String name, ServerCertificateSpec spec) {
    ServerCertificate resource = new ServerCertificate();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(namespace);
    resource.setSpec(spec);
    return kube().resources(ServerCertificate.class).inNamespace(namespace).resource(resource).create();
  }

  public ServerCertificate get(String name) {
    return kube().resources(ServerCertificate.class).inNamespace(namespace).withName(name).get();
  }

  public ServerCertificate edit(String name, java.util.function.Consumer<ServerCertificateSpec> change) {
    return kube().resources(ServerCertificate.class).inNamespace(namespace).withName(name).edit(sc -> {
      change.accept(sc.getSpec());
      return sc;
    });
  }

  public void delete(String name) {
    kube().resources(ServerCertificate.class).inNamespace(namespace).withName(name).delete();
  }

  public static Condition condition(ServerCertificate resource, String type) {
    if (resource == null || resource.getStatus() == null || resource.getStatus().getConditions() == null) {
      return null;
    }
    return resource.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  public static boolean isReady(ServerCertificate resource) {
    Condition ready = condition(resource, Conditions.READY);
    return ready != null && Conditions.TRUE.equals(ready.getStatus());
  }

  public static String readyReason(ServerCertificate resource) {
    Condition ready = condition(resource, Conditions.READY);
    return ready == null ? null : ready.getReason();
  }

  /** Events recorded on one ServerCertificate. */
  public List<Event> events(String name) {
    return events(kube(), namespace, name);
  }

  public static List<Event> events(KubernetesClient kube, String namespace, String name) {
    return kube.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName())
            && "ServerCertificate".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  public List<String> eventReasons(String name) {
    return events(name).stream().map(Event::getReason).toList();
  }

  public static DeletionPolicy retain() {
    return DeletionPolicy.Retain;
  }
}
