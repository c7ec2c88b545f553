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
import dev.slbcert.slb.SlbException;
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
        OperatorRuntime operator = new OperatorRuntime(operatorClient, client, SETTINGS, Set.of(), Clock.systemUTC())) {
      this.kube = kubernetes.client();
      this.slb = client;
      this.emulator = slbEmulator;
      out.printf("Kubernetes API (embedded): %s%nSLB emulator:               %s%n", kubernetes.url(), slbEmulator.endpoint());
      operator.start();
      String certificateId = createAndWaitForReady();
      String loadBalancerId = attachToListener(certificateId);
      deleteAndSeeItBlocked(loadBalancerId);
      detachAndSeeItGo(loadBalancerId);
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

  private String attachToListener(String certificateId) throws StepFailed {
    step(2, "Attach the certificate to an HTTPS listener (as a platform team would, outside Kubernetes)");
    try {
      String lb = slb.createLoadBalancer(REGION, "shop-lb");
      slb.createHttpsListener(REGION, lb, 443, certificateId);
      out.println("$ aliyun slb CreateLoadBalancerHTTPSListener --LoadBalancerId " + lb + " --ListenerPort 443 --ServerCertificateId " + certificateId);
      out.println("Listener " + lb + ":443 now serves the certificate.");
      return lb;
    } catch (SlbException e) {
      throw new StepFailed("could not attach the certificate: " + e.getMessage());
    }
  }

  private void deleteAndSeeItBlocked(String loadBalancerId) throws StepFailed {
    step(3, "kubectl delete: SLB refuses while the listener uses the certificate, so the resource waits");
    out.println("$ kubectl delete servercertificate shop-tls -n shop --wait=false");
    kube.resources(ServerCertificate.class).inNamespace(NAMESPACE).withName(NAME).delete();
    ServerCertificate blocked = await("DeletionBlocked naming " + loadBalancerId + ":443", sc -> {
      Condition c = sc == null || sc.getStatus() == null ? null : StatusBuilder.find(sc.getStatus().getConditions(), Conditions.DELETION_BLOCKED);
      return c != null && Conditions.TRUE.equals(c.getStatus()) && c.getMessage().contains(loadBalancerId + ":443");
    });
    List<Event> events = events();
    if (events.stream().noneMatch(e -> "Warning".equals(e.getType()) && Conditions.DELETION_BLOCKED_EVENT.equals(e.getReason()))) {
      throw new StepFailed("no Warning Event DeletionBlocked was recorded");
    }
    showGetAndDescribe(blocked);
  }

  private void detachAndSeeItGo(String loadBalancerId) throws StepFailed {
    step(4, "Remove the listener: the certificate is deleted from SLB and the resource disappears");
    try {
      slb.deleteListener(REGION, loadBalancerId, 443);
    } catch (SlbException e) {
      throw new StepFailed("could not remove the listener: " + e.getMessage());
    }
    out.println("$ aliyun slb DeleteLoadBalancerListener --LoadBalancerId " + loadBalancerId + " --ListenerPort 443");
    await("the ServerCertificate to disappear", sc -> sc == null);
    out.println("$ kubectl get servercertificates -n shop -o wide\nNo resources found in shop namespace.");
    if (!emulator.snapshot().certificates().isEmpty()) {
      throw new StepFailed("SLB still holds " + emulator.snapshot().certificates());
    }
    out.println("SLB holds no certificate any more.");
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

  private void step(int n, String title) {
    out.printf("%n=== Step %d: %s%n", n, title);
  }

  private static boolean isReady(ServerCertificate sc) {
    Condition ready = sc.getStatus() == null ? null : StatusBuilder.find(sc.getStatus().getConditions(), Conditions.READY);
    return ready != null && Conditions.TRUE.equals(ready.getStatus());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
