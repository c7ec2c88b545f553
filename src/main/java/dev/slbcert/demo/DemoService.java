package dev.slbcert.demo;

import dev.slbcert.ccm.ServiceBinding;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The demo's steps with a Service of type LoadBalancer: bind it, renew the Secret, delete the Service. */
final class DemoService {
  static final String NAME = "web";

  /** Waits for the ServerCertificate to pass a check, then shows it as kubectl would. */
  interface Show {
    ServerCertificate until(String what, Predicate<ServerCertificate> done) throws Demo.StepFailed;
  }

  private final PrintStream out;
  private final KubernetesClient kube;
  private final AliyunSlbClient slb;
  private final String namespace;
  private final String region;

  DemoService(PrintStream out, KubernetesClient kube, AliyunSlbClient slb, String namespace, String region) {
    this.out = out;
    this.kube = kube;
    this.slb = slb;
    this.namespace = namespace;
    this.region = region;
  }

  /** Step 2: a Service labelled with the ServerCertificate's name gets its id; CCM puts it on the listener. Returns the load balancer. */
  String bind(String serverCertificate, String certificateId, Show show) throws Demo.StepFailed {
    Demo.step(out, 2, "Bind a Service of type LoadBalancer to the ServerCertificate with a label");
    String lb;
    try {
      lb = slb.createLoadBalancer(region, "k8s-" + namespace + "-" + NAME); // what CCM does for a new LoadBalancer Service
    } catch (SlbException e) {
      throw new Demo.StepFailed("could not create the load balancer: " + e.getMessage());
    }
    out.println("$ kubectl label service web -n shop " + ServiceBinding.LABEL + "=" + serverCertificate);
    kube.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
        .addToLabels(ServiceBinding.LABEL, serverCertificate).addToLabels(ServiceBinding.LOAD_BALANCER_LABEL, lb)
        .addToAnnotations(CloudControllerStandIn.PROTOCOL_PORT_ANNOTATION, "https:443").endMetadata()
        .withNewSpec().withType("LoadBalancer").addNewPort().withName("https").withPort(443).withNewTargetPort(8443).endPort()
        .addToSelector("app", NAME).endSpec().build()).create();
    awaitListener(lb, certificateId);
    out.println("$ kubectl get service web -n shop -o jsonpath='{.metadata.annotations}'");
    out.println("{\"" + ServiceBinding.CERTIFICATE_ID_ANNOTATION + "\":\"" + certificateId + "\"}");
    out.println("CCM (stand-in) set listener " + lb + ":443 to " + certificateId + ".");
    show.until("status.services to list Service web", sc -> sc.getStatus().getServices() != null && !sc.getStatus().getServices().isEmpty());
    return lb;
  }

  /** Step 3: the Secret is renewed; the annotation follows once the new certificate is Ready; CCM moves the listener; the old one goes. */
  void renew(String serverCertificate, Runnable renewSecret, Show show) throws Demo.StepFailed {
    Demo.step(out, 3, "cert-manager renews the Secret: the new certificate reaches the load balancer without a person");
    String oldId = certificateIdOfService();
    out.println("(cert-manager writes a new certificate and key into Secret " + serverCertificate + ")");
    renewSecret.run();
    ServerCertificate renewed = show.until("the Service to carry the new certificate and the old one to be deleted", sc -> sc != null
        && sc.getStatus().getServerCertificateId() != null && !sc.getStatus().getServerCertificateId().equals(oldId)
        && sc.getStatus().getServerCertificateId().equals(certificateIdOfService()) && sc.getStatus().getRetiredCertificates() == null);
    out.println("Service web now carries " + renewed.getStatus().getServerCertificateId() + "; CCM moved the listener; "
        + oldId + " was deleted from SLB.");
  }

  /** Step 5: deleting the Service makes CCM delete its listener, which lets the certificate go. */
  void delete(String lb) throws Demo.StepFailed {
    Demo.step(out, 5, "Delete the Service: CCM removes its listener, the certificate is deleted and the resource disappears");
    out.println("$ kubectl delete service web -n shop");
    kube.services().inNamespace(namespace).withName(NAME).delete();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (listenerCertificate(lb) == null) {
        return;
      }
      pause();
    }
    throw new Demo.StepFailed("the listener of " + lb + " was not removed");
  }

  private String certificateIdOfService() {
    Service service = kube.services().inNamespace(namespace).withName(NAME).get();
    return service == null ? null : ServiceBinding.certificateIdOf(service);
  }

  private void awaitListener(String lb, String certificateId) throws Demo.StepFailed {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (certificateId.equals(certificateIdOfService()) && certificateId.equals(listenerCertificate(lb))) {
        return;
      }
      pause();
    }
    throw new Demo.StepFailed("Service web did not get certificate " + certificateId + " on " + lb + ":443");
  }

  private String listenerCertificate(String lb) {
    try {
      return slb.listReferences(region).entrySet().stream()
          .filter(e -> e.getValue().stream().anyMatch(r -> r.loadBalancerId().equals(lb) && r.listenerPort() == 443 && r.domainExtensionId() == null))
          .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    } catch (SlbException e) {
      return null;
    }
  }

  private static void pause() throws Demo.StepFailed {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Demo.StepFailed("interrupted");
    }
  }
}
