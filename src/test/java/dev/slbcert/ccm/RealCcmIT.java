package dev.slbcert.ccm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.ResourceMetrics;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Service binding against ACK's real cloud controller manager (v2.9.1, {@code shared/ccm}): a real
 * API server, the SLB emulator, CCM's service controller and the operator, all inside a network
 * namespace that reaches nothing but loopback ({@code .ci/ccm-e2e} runs this class there; CCM
 * refuses to start anywhere else, so the class runs only with SLBCERT_CCM_TIER=1).
 */
@EnabledIfEnvironmentVariable(named = "SLBCERT_CCM_TIER", matches = "1")
class RealCcmIT {
  private static final String REGION = "cn-hangzhou";
  private static final String PROTOCOL_PORT = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port";
  private static RealApiServer api;
  private static SlbEmulator emulator;
  private static AliyunSlbClient slb;
  private static OperatorRuntime operator;
  private static KubernetesClient operatorClient;
  private static Path ccmDir;

  @BeforeAll
  static void startApiServerEmulatorCcmAndOperator() throws Exception {
    api = RealApiServer.get();
    api.applyCrd();
    emulator = SlbEmulator.start(EmulatorSettings.defaults());
    ccmDir = Files.createTempDirectory("ccm");
    Path startCcm = Path.of(System.getenv("SLBCERT_SHARED_DIR"), "ccm", "start-ccm.sh");
    Process start = new ProcessBuilder("bash", startCcm.toString(), api.adminKubeconfig().toString(), emulator.endpoint().toString(),
        ccmDir.toString(), REGION).redirectErrorStream(true).start();
    String started = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(start.waitFor()).as(started).isZero();
    // the node CCM puts behind its load balancers (the emulator's ECS instance), Ready with an address as a kubelet reports it
    readyNode("node-1", "i-emulated1", "10.0.0.11");
    slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)).withQps(0));
    operatorClient = new KubernetesClientBuilder().withConfig(api.admin().getConfiguration()).build();
    // the cluster's region, as run finds it: from the Node's provider id (cn-hangzhou.i-...)
    String clusterRegion = dev.slbcert.runtime.ClusterRegion.resolve(null, api.admin());
    assertThat(clusterRegion).isEqualTo(REGION);
    operator = new OperatorRuntime(operatorClient, slb, OperatorHarness.FAST.withClusterRegion(clusterRegion), java.util.Set.of(), Clock.systemUTC(),
        ResourceMetrics.NONE, null).start();
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (operator != null) {
      operator.close();
      operatorClient.close();
    }
    Path pid = ccmDir == null ? null : ccmDir.resolve("ccm.pid");
    if (pid != null && Files.exists(pid)) {
      new ProcessBuilder("kill", Files.readString(pid).trim()).start().waitFor();
      Files.copy(ccmDir.resolve("ccm.log"), Path.of("target", "ccm.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      System.out.println("CCM's log: target/ccm.log");
    }
    if (slb != null) {
      slb.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void ccmServesTheBoundCertificateAndARenewalMovesTheListenerInPlace() {
    String ns = namespace("ccm-renew");
    String first = readyCertificate(ns, "shop");
    service(ns, "web", "shop", "https:443", 443);

    EmulatorSnapshot.Listener listener = await().atMost(Duration.ofSeconds(60)).until(() -> listenerOf(ns, "web", 443), l -> l.isPresent()
        && first.equals(l.get().serverCertificateId())).orElseThrow();
    assertThat(listener.description()).startsWith("k8s/443/web/" + ns + "/");
    assertThat(listener.status()).isEqualTo("running");
    assertThat(listener.vServerGroupId()).isNotEmpty();
    // counted by success: CCM keeps retrying other tests' Services in the background, and fails some of those calls
    long created = successes("CreateLoadBalancerHTTPSListener");
    long deleted = successes("DeleteLoadBalancerListener");
    long moved = successes("SetLoadBalancerHTTPSListenerAttribute");

    String lb = loadBalancerOf(ns, "web").orElseThrow();
    assertThat(backends(lb, listener.vServerGroupId())).containsExactly("i-emulated1:" + nodePort(ns, "web"));

    // the Nodes change while renewals go on: a second one joins, then the first leaves
    List<Long> millis = new ArrayList<>();
    int renewals = Integer.getInteger("slbcert.ccm.renewals", 50);
    for (int i = 0; i < renewals; i++) {
      if (i == renewals / 3) {
        readyNode("node-2", "i-emulated2", "10.0.0.12");
      }
      if (i == 2 * renewals / 3) {
        await().atMost(Duration.ofSeconds(60)).until(() -> backends(lb, listener.vServerGroupId()).size() == 2);
        api.admin().nodes().withName("node-1").delete();
      }
      millis.add(renewAndTimeUntilServed(ns, "web", "shop"));
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(backends(lb, listener.vServerGroupId()))
        .as("CCM's backends follow the Nodes").containsExactly("i-emulated2:" + nodePort(ns, "web")));
    assertThat(listenerOf(ns, "web", 443).orElseThrow().vServerGroupId()).as("the same VServer group").isEqualTo(listener.vServerGroupId());

    String current = serverCertificate(ns, "shop").getStatus().getServerCertificateId();
    String uid = serverCertificate(ns, "shop").getMetadata().getUid();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(emulator.snapshot().certificates())
        .as("retired certificates are deleted once CCM has moved the listener").filteredOn(c -> uid.equals(c.tags().get("slbcert.dev/owner")))
        .extracting(EmulatorSnapshot.Certificate::id).containsExactly(current));
    assertThat(successes("CreateLoadBalancerHTTPSListener")).as("no listener created").isEqualTo(created);
    assertThat(successes("DeleteLoadBalancerListener")).as("no listener deleted").isEqualTo(deleted);
    assertThat(successes("SetLoadBalancerHTTPSListenerAttribute") - moved).as("moved in place, once per renewal").isEqualTo(millis.size());
    assertThat(listener.serverCertificateId()).isEqualTo(first);
    millis.sort(Comparator.naturalOrder());
    System.out.printf("renewal to CCM's listener serving the new certificate, %d renewals (a Node added after %d, the first removed after %d):"
        + " p50 %d ms, p99 %d ms, max %d ms%n", millis.size(), renewals / 3, 2 * renewals / 3,
        millis.get(millis.size() / 2), millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1)),
        millis.get(millis.size() - 1));
  }

  @Test
  void withHttpsAndHttpOnlyTheHttpsListenerFollowsARenewal() {
    String ns = namespace("ccm-both");
    String first = readyCertificate(ns, "shop");
    Service web = new ServiceBuilder(serviceSpec(ns, "web", "shop", "https:443,http:80", 443)).editSpec()
        .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort().endSpec().build();
    api.admin().services().inNamespace(ns).resource(web).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> listenerOf(ns, "web", 443).map(l -> first.equals(l.serverCertificateId())).orElse(false)
        && listenerOf(ns, "web", 80).isPresent());
    EmulatorSnapshot.Listener http = listenerOf(ns, "web", 80).orElseThrow();

    renewAndTimeUntilServed(ns, "web", "shop");

    assertThat(listenerOf(ns, "web", 80)).contains(http);
    assertThat(http.protocol()).isEqualTo("http");
    assertThat(http.serverCertificateId()).isNull();
  }

  @Test
  void deletingABoundServerCertificateNamesTheServiceAndEndsOnceCcmDeletesTheLoadBalancer() {
    String ns = namespace("ccm-delete");
    String id = readyCertificate(ns, "shop");
    service(ns, "web", "shop", "https:443", 443);
    await().atMost(Duration.ofSeconds(60)).until(() -> listenerOf(ns, "web", 443).map(l -> id.equals(l.serverCertificateId())).orElse(false));
    String lb = loadBalancerOf(ns, "web").orElseThrow();

    api.admin().resources(ServerCertificate.class).inNamespace(ns).withName("shop").delete();

    Event firstBlocked = await().atMost(Duration.ofSeconds(30)).until(() -> OperatorHarness.events(api.admin(), ns, "shop").stream()
        .filter(e -> Conditions.DELETION_BLOCKED_EVENT.equals(e.getReason())).findFirst(), Optional::isPresent).orElseThrow();
    assertThat(firstBlocked.getMessage()).contains("Service " + ns + "/web (" + lb + ":443)");

    api.admin().services().inNamespace(ns).withName("web").delete();

    await().atMost(Duration.ofSeconds(60)).until(() -> serverCertificate(ns, "shop") == null);
    assertThat(emulator.snapshot().loadBalancers()).extracting(EmulatorSnapshot.LoadBalancer::id).doesNotContain(lb);
    assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).doesNotContain(id);
  }

  @Test
  void rebindLeavesAListenerOfCcmAloneAndSaysWhy() {
    String ns = namespace("ccm-rebind");
    String first = readyCertificate(ns, "shop");
    api.admin().resources(ServerCertificate.class).inNamespace(ns).withName("shop").edit(sc -> {
      sc.getSpec().setListenerRotation(dev.slbcert.api.v1alpha1.ListenerRotation.Rebind);
      return sc;
    });
    // a Service that names the certificate by hand (no binding label): CCM owns its listener, and nothing moves the annotation
    Service web = serviceSpec(ns, "web", "shop", "https:443", 443);
    web.getMetadata().getLabels().remove(ServiceBinding.LABEL);
    web.getMetadata().getAnnotations().put(ServiceBinding.CERTIFICATE_ID_ANNOTATION, first);
    api.admin().services().inNamespace(ns).resource(web).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> listenerOf(ns, "web", 443).map(l -> first.equals(l.serverCertificateId())).orElse(false));
    long moves = successes("SetLoadBalancerHTTPSListenerAttribute");

    var issued = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair());
    api.admin().secrets().inNamespace(ns).withName("shop").edit(s -> {
      s.setData(Map.of("tls.crt", OperatorHarness.base64(issued.chainPem()), "tls.key", OperatorHarness.base64(issued.pkcs8KeyPem())));
      return s;
    });

    Event warning = await().atMost(Duration.ofSeconds(30)).until(() -> OperatorHarness.events(api.admin(), ns, "shop").stream()
        .filter(e -> Conditions.LISTENER_MANAGED_BY_CCM.equals(e.getReason())).findFirst(), Optional::isPresent).orElseThrow();
    assertThat(warning.getMessage()).contains(first).contains(ServiceBinding.LABEL);
    assertThat(listenerOf(ns, "web", 443).orElseThrow().serverCertificateId()).isEqualTo(first);
    assertThat(successes("SetLoadBalancerHTTPSListenerAttribute")).as("nothing moved CCM's listener").isEqualTo(moves);
    assertThat(emulator.snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).contains(first);
  }

  @Test
  void aServiceOnAReusedLoadBalancerWithoutForceOverrideIsToldThatCcmWillNotMoveItsListener() throws Exception {
    String ns = namespace("ccm-reuse");
    String id = readyCertificate(ns, "shop");
    String lb = slb.createLoadBalancer(REGION, "made-by-terraform");
    Service web = serviceSpec(ns, "web", "shop", "https:443", 443);
    web.getMetadata().getAnnotations().put(ServiceBinding.REUSED_LOAD_BALANCER_ANNOTATION, lb);
    api.admin().services().inNamespace(ns).resource(web).create();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serviceEvents(ns, "web")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo(Conditions.LISTENER_NOT_MOVED_BY_CCM);
      assertThat(e.getMessage()).contains(lb).contains(ServiceBinding.FORCE_OVERRIDE_ANNOTATION);
    }));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serverCertificate(ns, "shop").getStatus().getServices()).singleElement()
        .satisfies(b -> {
          assertThat(b.getCertificateId()).isEqualTo(id);
          assertThat(b.getWarning()).contains(lb);
        }));
    // and CCM indeed leaves the reused load balancer's listeners alone
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(emulator.snapshot().loadBalancers())
        .filteredOn(l -> l.id().equals(lb)).singleElement().satisfies(l -> assertThat(l.listeners()).isEmpty()));
  }

  @Test
  void aServerCertificateOfAnotherRegionIsNotBoundAndTheServiceIsToldWhy() {
    String ns = namespace("ccm-region");
    var issued = TestCertificates.selfSigned("far.example.com", TestCertificates.rsaKeyPair());
    api.admin().secrets().inNamespace(ns).resource(TestResources.tlsSecret(ns, "far", issued.chainPem(), issued.pkcs8KeyPem())).create();
    ServerCertificate far = TestResources.serverCertificate(ns, "far", "far");
    far.getSpec().setRegionId("cn-shanghai");
    api.admin().resources(ServerCertificate.class).inNamespace(ns).resource(far).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> OperatorHarness.isReady(serverCertificate(ns, "far")));

    service(ns, "web", "far", "https:443", 443);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serviceEvents(ns, "web")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo(Conditions.CERTIFICATE_IN_ANOTHER_REGION);
      assertThat(e.getMessage()).contains("cn-shanghai").contains(REGION);
    }));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serverCertificate(ns, "far").getStatus().getServices()).singleElement()
        .satisfies(b -> assertThat(b.getWarning()).contains("cn-shanghai")));
    assertThat(ServiceBinding.certificateIdOf(api.admin().services().inNamespace(ns).withName("web").get())).as("left unset").isNull();
    api.admin().services().inNamespace(ns).withName("web").delete(); // CCM would go on failing its sync in the background
  }

  private static long successes(String action) {
    return emulator.calls().getOrDefault(action, Map.of()).getOrDefault("Success", 0L);
  }

  private static List<Event> serviceEvents(String ns, String service) {
    return api.admin().v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "Service".equals(e.getInvolvedObject().getKind()) && service.equals(e.getInvolvedObject().getName())).toList();
  }

  /** Renews the Secret; returns the milliseconds until CCM's listener serves the new certificate. */
  private static long renewAndTimeUntilServed(String ns, String service, String name) {
    String before = serverCertificate(ns, name).getStatus().getServerCertificateId();
    var issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
    long start = System.nanoTime();
    api.admin().secrets().inNamespace(ns).withName(name).edit(s -> {
      s.setData(Map.of("tls.crt", OperatorHarness.base64(issued.chainPem()), "tls.key", OperatorHarness.base64(issued.pkcs8KeyPem())));
      return s;
    });
    await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(60)).until(() -> {
      String now = serverCertificate(ns, name).getStatus().getServerCertificateId();
      return !before.equals(now) && listenerOf(ns, service, 443).map(l -> now.equals(l.serverCertificateId())).orElse(false);
    });
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A Node as a kubelet reports it: the ECS instance in its provider id, Ready, with an internal address. */
  private static void readyNode(String name, String instance, String address) {
    api.admin().nodes().resource(new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name)
        .endMetadata().withNewSpec().withProviderID(REGION + "." + instance).endSpec().build()).serverSideApply();
    api.admin().nodes().withName(name).editStatus(node -> new NodeBuilder(node).editOrNewStatus()
        .withConditions(new io.fabric8.kubernetes.api.model.NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
            .withLastHeartbeatTime(java.time.Instant.now().toString()).withLastTransitionTime(java.time.Instant.now().toString()).build())
        .withAddresses(new io.fabric8.kubernetes.api.model.NodeAddress(address, "InternalIP"),
            new io.fabric8.kubernetes.api.model.NodeAddress(name, "Hostname"))
        .endStatus().build());
  }

  /** The backends of a VServer group, as serverId:port. */
  private static List<String> backends(String loadBalancer, String vServerGroupId) {
    return emulator.snapshot().loadBalancers().stream().filter(l -> l.id().equals(loadBalancer)).findFirst()
        .map(l -> l.backendsOf(vServerGroupId)).orElse(List.of());
  }

  /** The node port Kubernetes gave the Service's first port: CCM's backends listen there. */
  private static int nodePort(String ns, String service) {
    return api.admin().services().inNamespace(ns).withName(service).get().getSpec().getPorts().get(0).getNodePort();
  }

  private static String namespace(String name) {
    TestResources.namespace(api.admin(), name);
    return name;
  }

  private static String readyCertificate(String ns, String name) {
    TestResources.certificateFromNewSecret(api.admin(), ns, name);
    await().atMost(Duration.ofSeconds(30)).until(() -> OperatorHarness.isReady(serverCertificate(ns, name)));
    return serverCertificate(ns, name).getStatus().getServerCertificateId();
  }

  private static ServerCertificate serverCertificate(String ns, String name) {
    return api.admin().resources(ServerCertificate.class).inNamespace(ns).withName(name).get();
  }

  private static void service(String ns, String name, String serverCertificate, String protocolPort, int port) {
    api.admin().services().inNamespace(ns).resource(serviceSpec(ns, name, serverCertificate, protocolPort, port)).create();
  }

  private static Service serviceSpec(String ns, String name, String serverCertificate, String protocolPort, int port) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).addToLabels(ServiceBinding.LABEL, serverCertificate)
        .addToAnnotations(PROTOCOL_PORT, protocolPort).endMetadata()
        .withNewSpec().withType("LoadBalancer").addToSelector("app", name)
        .addNewPort().withName("https").withPort(port).withNewTargetPort(8443).endPort().endSpec().build();
  }

  /** The load balancer CCM made for a Service, by the label CCM writes on it. */
  private static Optional<String> loadBalancerOf(String ns, String service) {
    Service s = api.admin().services().inNamespace(ns).withName(service).get();
    return Optional.ofNullable(s == null || s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(ServiceBinding.LOAD_BALANCER_LABEL));
  }

  /** CCM's listener of a Service on a port: on its load balancer, with CCM's Description k8s/port/service/namespace/cluster. */
  private static Optional<EmulatorSnapshot.Listener> listenerOf(String ns, String service, int port) {
    Optional<String> lb = loadBalancerOf(ns, service);
    if (lb.isEmpty()) {
      return Optional.empty();
    }
    return emulator.snapshot().loadBalancers().stream().filter(l -> l.id().equals(lb.get())).flatMap(l -> l.listeners().stream())
        .filter(l -> l.port() == port).findFirst();
  }
}
