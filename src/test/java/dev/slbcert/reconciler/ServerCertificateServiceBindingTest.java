package dev.slbcert.reconciler;

import dev.slbcert.ccm.ServiceBinding;
import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.condition;
import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.BoundService;
import dev.slbcert.demo.CloudControllerStandIn;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import dev.slbcert.tls.CertificateBundle;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Services labelled slbcert.dev/server-certificate follow their ServerCertificate's current certificate through its annotation. */
class ServerCertificateServiceBindingTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void aBoundServiceGetsTheCertificateIdAndStatusListsIt() {
    String id = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));

    H.kube().services().inNamespace(H.namespace()).resource(service("web", "shop", null)).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> id.equals(annotation("web")));
    await().atMost(Duration.ofSeconds(20)).until(() -> List.of(new BoundService("web", id)).equals(H.get("shop").getStatus().getServices()));
    assertThat(serviceEvents("web")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo(Conditions.CERTIFICATE_BOUND);
      assertThat(e.getType()).isEqualTo("Normal");
      assertThat(e.getMessage()).contains(id).contains("shop");
    });
  }

  @Test
  void aServiceOnAReusedLoadBalancerWithoutForceOverrideIsWarnedThatRenewalsWillNotReachIt() {
    String id = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));

    H.kube().services().inNamespace(H.namespace()).resource(new ServiceBuilder(service("web", "shop", null)).editMetadata()
        .addToAnnotations(ServiceBinding.REUSED_LOAD_BALANCER_ANNOTATION, "lb-existing").endMetadata().build()).create();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(H.get("shop").getStatus().getServices()).singleElement()
        .satisfies(b -> assertThat(b.getWarning()).contains("lb-existing").contains(ServiceBinding.FORCE_OVERRIDE_ANNOTATION)));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(serviceEvents("web")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo(Conditions.LISTENER_NOT_MOVED_BY_CCM);
      assertThat(e.getType()).isEqualTo("Warning");
    }));
    assertThat(annotation("web")).as("the annotation is still kept current").isEqualTo(id);

    H.kube().services().inNamespace(H.namespace()).withName("web").edit(s -> {
      s.getMetadata().getAnnotations().put(ServiceBinding.FORCE_OVERRIDE_ANNOTATION, "true");
      return s;
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(H.get("shop").getStatus().getServices()).singleElement()
        .satisfies(b -> assertThat(b.getWarning()).isNull()));
  }

  @Test
  void theOperatorChangesTheAnnotationAndNothingElseOfTheService() {
    String id = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));
    Service created = H.kube().services().inNamespace(H.namespace()).resource(new ServiceBuilder(service("web", "shop", "old-id"))
        .editMetadata().addToAnnotations("example.com/owner", "team-shop").addToLabels("app", "web").endMetadata().build()).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> id.equals(annotation("web")));
    Service bound = H.kube().services().inNamespace(H.namespace()).withName("web").get();

    Map<String, String> otherAnnotations = new java.util.HashMap<>(bound.getMetadata().getAnnotations());
    otherAnnotations.remove(ServiceBinding.CERTIFICATE_ID_ANNOTATION);
    Map<String, String> createdAnnotations = new java.util.HashMap<>(created.getMetadata().getAnnotations());
    createdAnnotations.remove(ServiceBinding.CERTIFICATE_ID_ANNOTATION);
    assertThat(otherAnnotations).isEqualTo(createdAnnotations);
    assertThat(bound.getMetadata().getLabels()).isEqualTo(created.getMetadata().getLabels());
    assertThat(bound.getSpec().getPorts()).isEqualTo(created.getSpec().getPorts());
    assertThat(bound.getSpec().getType()).isEqualTo(created.getSpec().getType());
  }

  @Test
  void renewalMovesTheAnnotationOnlyOnceTheNewCertificateIsReadyAndTheOldOneGoesAfterCcmMovesTheListener() throws Exception {
    String lb = H.slb().createLoadBalancer(REGION, "ccm-lb");
    String oldId = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));
    Set<String> annotatedWhileMissingInSlb = ConcurrentHashMap.newKeySet();
    try (CloudControllerStandIn ccm = new CloudControllerStandIn(H.kube(), H.slb(), REGION);
        Watch watch = watchAnnotations("web", id -> {
          if (H.emulator().snapshot().certificates().stream().noneMatch(c -> c.id().equals(id))) {
            annotatedWhileMissingInSlb.add(id);
          }
        })) {
      H.kube().services().inNamespace(H.namespace()).resource(new ServiceBuilder(service("web", "shop", null))
          .editMetadata().addToLabels(ServiceBinding.LOAD_BALANCER_LABEL, lb)
          .addToAnnotations(CloudControllerStandIn.PROTOCOL_PORT_ANNOTATION, "https:443").endMetadata().build()).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> oldId.equals(listenerCertificate(lb)));
      Issued renewed = TestCertificates.selfSigned("shop.example.com", TestCertificates.ecKeyPair());

      replaceSecret("shop-tls", renewed.chainPem(), renewed.pkcs8KeyPem());

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        String newId = H.get("shop").getStatus().getServerCertificateId();
        assertThat(H.get("shop").getStatus().getFingerprint()).isEqualTo(CertificateBundle.fingerprint(renewed.certificate()));
        assertThat(annotation("web")).isEqualTo(newId);
        assertThat(listenerCertificate(lb)).isEqualTo(newId);
        assertThat(H.get("shop").getStatus().getRetiredCertificates()).isNull();
        assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(newId);
        assertThat(H.get("shop").getStatus().getServices()).containsExactly(new BoundService("web", newId));
      });
    }
    assertThat(annotatedWhileMissingInSlb).as("ids the annotation carried before SLB had them").isEmpty();
    assertThat(H.eventReasons("shop")).contains(Conditions.ROTATED, Conditions.DELETED);
  }

  /** More failed patches than a default retry allows (six attempts of two patches each): the binding is tried again until it takes. */
  @Test
  void aBindingThatKeepsFailingIsTriedAgainUntilTheServiceCarriesTheNewCertificate() {
    String first = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));
    H.kube().services().inNamespace(H.namespace()).resource(service("web", "shop", null)).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> first.equals(annotation("web")));
    org.junit.jupiter.api.Assumptions.assumeTrue(H.injectPatchConflicts("/api/v1/namespaces/" + H.namespace() + "/services/web", 14),
        "only the embedded API refuses patches on request");

    var renewed = TestCertificates.selfSigned("shop-v2.example.com", TestCertificates.rsaKeyPair());
    replaceSecret("shop-tls", renewed.chainPem(), renewed.pkcs8KeyPem());

    await().atMost(Duration.ofSeconds(40)).until(() -> !first.equals(H.get("shop").getStatus().getServerCertificateId())
        && H.get("shop").getStatus().getServerCertificateId().equals(annotation("web")));
  }

  @Test
  void aFailedUploadLeavesTheServiceOnTheOldStillValidCertificate() {
    String oldId = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));
    H.kube().services().inNamespace(H.namespace()).resource(service("web", "shop", null)).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> oldId.equals(annotation("web")));
    Issued other = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair());

    replaceSecret("shop-tls", other.chainPem(), TestCertificates.pkcs8(TestCertificates.ecKeyPair().getPrivate()));

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.INVALID_CERTIFICATE.equals(OperatorHarness.readyReason(H.get("shop"))));
    await().atMost(Duration.ofSeconds(20)).until(() -> serviceEvents("web").stream()
        .anyMatch(e -> Conditions.SERVER_CERTIFICATE_NOT_READY.equals(e.getReason()) && e.getMessage().contains(oldId)));
    assertThat(annotation("web")).isEqualTo(oldId);
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(oldId);
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  @Test
  void aLabelNamingAMissingServerCertificateChangesNothingAndWarnsOnTheService() {
    H.kube().services().inNamespace(H.namespace()).resource(service("orphan", "nope", "kept-id")).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> serviceEvents("orphan").stream()
        .anyMatch(e -> Conditions.SERVER_CERTIFICATE_NOT_FOUND.equals(e.getReason())));
    Event warning = serviceEvents("orphan").stream().filter(e -> Conditions.SERVER_CERTIFICATE_NOT_FOUND.equals(e.getReason())).findFirst().orElseThrow();
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getMessage()).contains("nope").contains(H.namespace()).contains("kept-id");
    assertThat(annotation("orphan")).isEqualTo("kept-id");
  }

  @Test
  void aLabelNamingAServerCertificateOfAnotherNamespaceChangesNothing() {
    String elsewhere = H.namespace() + "-other";
    dev.slbcert.support.TestResources.namespace(H.kube(), elsewhere);
    H.kube().resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace(elsewhere)
        .resource(dev.slbcert.support.TestResources.serverCertificate(elsewhere, "shared", "shared-tls")).create();
    H.kube().services().inNamespace(H.namespace()).resource(service("web", "shared", null)).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> serviceEvents("web").stream()
        .anyMatch(e -> Conditions.SERVER_CERTIFICATE_NOT_FOUND.equals(e.getReason()) && e.getMessage().contains("shared")));
    assertThat(annotation("web")).isNull();
  }

  @Test
  void aBlockedDeletionNamesTheServiceThatOwnsTheLoadBalancer() throws Exception {
    String id = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));
    String lb = H.slb().createLoadBalancer(REGION, "ccm-lb");
    H.slb().createHttpsListener(REGION, lb, 443, id);
    H.kube().services().inNamespace(H.namespace()).resource(new ServiceBuilder(service("storefront", "unrelated", null))
        .editMetadata().addToLabels(ServiceBinding.LOAD_BALANCER_LABEL, lb).endMetadata().build()).create();

    H.delete("shop");

    String expected = "Service " + H.namespace() + "/storefront (" + lb + ":443)";
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(condition(H.get("shop"), Conditions.DELETION_BLOCKED))
        .as("the DeletionBlocked condition").isNotNull().satisfies(c -> assertThat(c.getMessage()).contains(expected)));
    // the Warning Event follows the condition's status write: wait for it rather than race it
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(H.events("shop")).anySatisfy(e -> assertThat(e.getMessage()).contains(expected)));
    H.slb().deleteListener(REGION, lb, 443);
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("shop") == null);
  }

  @Test
  void theRetiredCertificateGoesAsSoonAsCcmHasSyncedTheServiceNotAtTheNextScheduledLook() throws Exception {
    // the schedule alone would look again only after 20 s; CCM's label write after its sync must wake the resource
    H.restartWithSettings(new ReconcilerSettings(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMinutes(1), Duration.ZERO,
        Duration.ofSeconds(3)));
    String lb = H.slb().createLoadBalancer(REGION, "ccm-lb");
    String oldId = ready("shop", TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair()));
    try (CloudControllerStandIn ccm = new CloudControllerStandIn(H.kube(), H.slb(), REGION)) {
      H.kube().services().inNamespace(H.namespace()).resource(new ServiceBuilder(service("web", "shop", null))
          .editMetadata().addToLabels(ServiceBinding.LOAD_BALANCER_LABEL, lb)
          .addToAnnotations(CloudControllerStandIn.PROTOCOL_PORT_ANNOTATION, "https:443").endMetadata().build()).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> oldId.equals(listenerCertificate(lb)));
      // CCM moves the listener a second after the annotation changes: the operator's first tries meet the old certificate in use
      H.emulator().addFault(dev.slbcert.emulator.FaultRule.delay("SetLoadBalancerHTTPSListenerAttribute", 1_000, 1));
      Issued renewed = TestCertificates.selfSigned("shop.example.com", TestCertificates.rsaKeyPair());

      replaceSecret("shop-tls", renewed.chainPem(), renewed.pkcs8KeyPem());

      await().atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
        String newId = H.get("shop").getStatus().getServerCertificateId();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(listenerCertificate(lb)).isEqualTo(newId);
        assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(newId);
        assertThat(H.get("shop").getStatus().getRetiredCertificates()).isNull();
        assertThat(H.get("shop").getStatus().getServices()).as("status.services follows the annotation").containsExactly(new BoundService("web", newId));
      });
      assertThat(H.kube().services().inNamespace(H.namespace()).withName("web").get().getMetadata().getLabels())
          .containsKey(CloudControllerStandIn.HASH_LABEL);
    }
  }

  private static String ready(String name, Issued issued) {
    H.createTlsSecret(name + "-tls", issued);
    H.createFromSecret(name, name + "-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get(name)));
    return H.get(name).getStatus().getServerCertificateId();
  }

  private static Service service(String name, String serverCertificate, String certificateId) {
    ServiceBuilder builder = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(H.namespace())
        .addToLabels(ServiceBinding.LABEL, serverCertificate).endMetadata()
        .withNewSpec().withType("LoadBalancer").addNewPort().withName("https").withPort(443).withNewTargetPort(8443).endPort()
        .addToSelector("app", name).endSpec();
    if (certificateId != null) {
      builder.editMetadata().addToAnnotations(ServiceBinding.CERTIFICATE_ID_ANNOTATION, certificateId).endMetadata();
    }
    return builder.build();
  }

  private static String annotation(String service) {
    Service s = H.kube().services().inNamespace(H.namespace()).withName(service).get();
    return s == null ? null : ServiceBinding.certificateIdOf(s);
  }

  private static List<Event> serviceEvents(String service) {
    return H.kube().v1().events().inNamespace(H.namespace()).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && "Service".equals(e.getInvolvedObject().getKind()) && service.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private static String listenerCertificate(String lb) {
    return H.emulator().snapshot().loadBalancers().stream().filter(b -> b.id().equals(lb)).flatMap(b -> b.listeners().stream())
        .filter(l -> l.port() == 443).map(EmulatorSnapshot.Listener::serverCertificateId).findFirst().orElse(null);
  }

  private static void replaceSecret(String name, String certificatePem, String keyPem) {
    H.kube().secrets().inNamespace(H.namespace()).withName(name).edit(s -> {
      s.setData(Map.of("tls.crt", OperatorHarness.base64(certificatePem), "tls.key", OperatorHarness.base64(keyPem)));
      return s;
    });
  }

  /** Calls {@code seen} with every certificate id the Service's annotation takes. */
  private static Watch watchAnnotations(String service, java.util.function.Consumer<String> seen) {
    return H.kube().services().inNamespace(H.namespace()).withName(service).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Service s) {
        String id = ServiceBinding.certificateIdOf(s);
        if (id != null) {
          seen.accept(id);
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }
}
