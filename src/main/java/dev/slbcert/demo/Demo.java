package dev.slbcert.demo;

import dev.slbcert.api.v1alpha1.SecretReference;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lifecycle in one process: an embedded Kubernetes API, the SLB emulator and the operator.
 * Each step says what a user would type and shows what kubectl would print; a step that does not
 * behave as shown ends the demo with a failure.
 */
public final class Demo {
  static final String NAMESPACE = "shop";
  static final String NAME = "shop-tls";
  static final String REGION = "cn-hangzhou";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);
  private static final ReconcilerSettings SETTINGS = new ReconcilerSettings(
      Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(10));

  /** A step whose outcome was not what the demo shows. */
  static final class StepFailed extends Exception {
    StepFailed(String message) {
      super(message);
    }
  }

  private final PrintStream out;
  private KubernetesClient kube;
  private AliyunSlbClient slb;
  private SlbEmulator emulator;

  public Demo(PrintStream out) {
    this.out = out;
  }

  /** Runs every step; true when all behaved as shown. */
  public boolean run() throws Exception {
    Instant started = Instant.now();
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator slbEmulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient client = new AliyunSlbClient(SlbClientSettings.of(slbEmulator.endpoint(),
            new SlbCredentials.StaticKeys(EmulatorSettings.DEFAULT_ACCESS_KEY_ID, EmulatorSettings.DEFAULT_ACCESS_KEY_SECRET, null)));
        KubernetesClient operatorClient = kubernetes.newClient();
        OperatorRuntime operator = new OperatorRuntime(operatorClient, client, SETTINGS, Set.of(), Clock.systemUTC());
        CloudControllerStandIn ccm = new CloudControllerStandIn(kubernetes.client(), client, REGION)) {
      this.kube = kubernetes.client();
      this.slb = client;
      this.emulator = slbEmulator;
      out.printf("Kubernetes API (embedded): %s%nSLB emulator:               %s%n", kubernetes.url(), slbEmulator.endpoint());
      out.println("(A stand-in for ACK's cloud controller manager sets each Service's HTTPS listener from its annotations, as CCM does.)");
      operator.start();
      String certificateId = createAndWaitForReady();
      DemoService service = new DemoService(out, kube, slb, NAMESPACE, REGION);
      String loadBalancerId = service.bind(NAME, certificateId, this::describeCurrent);
      service.renew(NAME, this::renewSecret, this::describeCurrent);
      deleteAndSeeItBlocked(loadBalancerId);
      service.delete(loadBalancerId);
      await("the ServerCertificate to disappear", sc -> sc == null);
      out.println("$ kubectl get servercertificates -n shop -o wide\nNo resources found in shop namespace.");
      if (!emulator.snapshot().certificates().isEmpty()) {
        throw new StepFailed("SLB still holds " + emulator.snapshot().certificates());
      }
      out.println("SLB holds no certificate any more.");
      out.printf("%nDemo finished: every step behaved as shown (%d s).%n", Duration.between(started, Instant.now()).toSeconds());
      return true;
    } catch (StepFailed e) {
      out.printf("%nDEMO FAILED: %s%n", e.getMessage());
      return false;
    }
  }

  private String createAndWaitForReady() throws StepFailed {
    step(1, "Create a TLS Secret and a ServerCertificate that points at it");
    DemoCertificate certificate = DemoCertificate.selfSigned("shop.example.com");
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    kube.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(NAME).endMetadata()
        .withType("kubernetes.io/tls")
        .withData(Map.of("tls.crt", base64(certificate.certificatePem()), "tls.key", base64(certificate.privateKeyPem())))
        .build()).create();
    ServerCertificate resource = new ServerCertificate();
    resource.getMetadata().setName(NAME);
    resource.getMetadata().setNamespace(NAMESPACE);
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setSecretRef(new SecretReference(NAME));
    spec.setTags(Map.of("team", "shop"));
    resource.setSpec(spec);
    out.println("$ kubectl create secret tls shop-tls -n shop --cert=tls.crt --key=tls.key");
    out.println("$ kubectl apply -f - <<EOF\n" + "apiVersion: slbcert.dev/v1alpha1\nkind: ServerCertificate\nmetadata: {name: shop-tls, namespace: shop}\n"
        + "spec: {regionId: cn-hangzhou, secretRef: {name: shop-tls}, tags: {team: shop}}\nEOF");
    kube.resources(ServerCertificate.class).inNamespace(NAMESPACE).resource(resource).create();
    ServerCertificate ready = await("the ServerCertificate to become Ready", sc -> sc != null && isReady(sc));
    showGetAndDescribe(ready);
    String id = ready.getStatus().getServerCertificateId();
    if (emulator.snapshot().certificates().stream().noneMatch(c -> c.id().equals(id))) {
      throw new StepFailed("SLB does not hold certificate " + id);
    }
    out.println("SLB now holds certificate " + id + " (one upload: " + emulator.callCount("UploadServerCertificate") + ").");
    return id;
  }

  private void deleteAndSeeItBlocked(String loadBalancerId) throws StepFailed {
    step(4, "kubectl delete: SLB refuses while the Service's listener uses the certificate, so the resource waits");
    out.println("$ kubectl delete servercertificate shop-tls -n shop --wait=false");
    kube.resources(ServerCertificate.class).inNamespace(NAMESPACE).withName(NAME).delete();
    String owner = "Service " + NAMESPACE + "/" + DemoService.NAME + " (" + loadBalancerId + ":443)";
    ServerCertificate blocked = await("DeletionBlocked naming " + owner, sc -> {
      Condition c = sc == null || sc.getStatus() == null ? null : StatusBuilder.find(sc.getStatus().getConditions(), Conditions.DELETION_BLOCKED);
      return c != null && Conditions.TRUE.equals(c.getStatus()) && c.getMessage().contains(owner);
    });
    // the Event is recorded just after the condition is written
    blocked = await("a Warning Event DeletionBlocked", sc -> sc != null && events().stream()
        .anyMatch(e -> "Warning".equals(e.getType()) && Conditions.DELETION_BLOCKED_EVENT.equals(e.getReason())));
    showGetAndDescribe(blocked);
  }

  /** Puts a new certificate and key (same name, new key) into the Secret, as cert-manager does when it renews. */
  private void renewSecret() {
    DemoCertificate renewed = DemoCertificate.selfSigned("shop.example.com");
    kube.secrets().inNamespace(NAMESPACE).withName(NAME).edit(secret -> new SecretBuilder(secret)
        .withData(Map.of("tls.crt", base64(renewed.certificatePem()), "tls.key", base64(renewed.privateKeyPem()))).build());
  }

  /** Waits until the resource passes {@code done}, then shows kubectl get and describe of it. */
  private ServerCertificate describeCurrent(String what, Predicate<ServerCertificate> done) throws StepFailed {
    ServerCertificate current = await(what, done);
    showGetAndDescribe(current);
    return current;
  }

  private void showGetAndDescribe(ServerCertificate resource) {
    out.println("\n$ kubectl get servercertificates -n shop -o wide");
    out.print(KubectlView.getWide(List.of(resource)));
    out.println("\n$ kubectl describe servercertificate shop-tls -n shop");
    out.print(KubectlView.describe(resource, events()));
  }

  private List<Event> events() {
    return kube.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && NAME.equals(e.getInvolvedObject().getName())).toList();
  }

  private ServerCertificate await(String what, Predicate<ServerCertificate> done) throws StepFailed {
    Instant deadline = Instant.now().plus(STEP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      ServerCertificate current = kube.resources(ServerCertificate.class).inNamespace(NAMESPACE).withName(NAME).get();
      if (done.test(current)) {
        return current;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StepFailed("interrupted while waiting for " + what);
      }
    }
    throw new StepFailed("timed out after " + STEP_TIMEOUT.toSeconds() + " s waiting for " + what);
  }

  static void step(PrintStream out, int n, String title) {
    out.printf("%n=== Step %d: %s%n", n, title);
  }

  private void step(int n, String title) {
    step(out, n, title);
  }

  private static boolean isReady(ServerCertificate sc) {
    Condition ready = sc.getStatus() == null ? null : StatusBuilder.find(sc.getStatus().getConditions(), Conditions.READY);
    return ready != null && Conditions.TRUE.equals(ready.getStatus());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
