package dev.slbcert.support;

import dev.slbcert.api.v1alpha1.SecretReference;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Kubernetes objects the tests create: namespaces, TLS Secrets and ServerCertificates. */
public final class TestResources {
  private TestResources() {}

  public static void namespace(KubernetesClient kube, String name) {
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
  }

  public static Secret tlsSecret(String namespace, String name, String certificatePem, String keyPem) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withType("kubernetes.io/tls")
        .withData(Map.of("tls.crt", OperatorHarness.base64(certificatePem), "tls.key", OperatorHarness.base64(keyPem)))
        .build();
  }

  /** A new TLS Secret and a ServerCertificate (region cn-hangzhou) that points at it, both named {@code name}. */
  public static void certificateFromNewSecret(KubernetesClient kube, String namespace, String name) {
    TestCertificates.Issued issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
    kube.secrets().inNamespace(namespace).resource(tlsSecret(namespace, name, issued.chainPem(), issued.pkcs8KeyPem())).create();
    kube.resources(ServerCertificate.class).inNamespace(namespace).resource(serverCertificate(namespace, name, name)).create();
  }

  public static ServerCertificate serverCertificate(String namespace, String name, String secretName) {
    ServerCertificate resource = new ServerCertificate();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(namespace);
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(OperatorHarness.REGION);
    spec.setSecretRef(new SecretReference(secretName));
    resource.setSpec(spec);
    return resource;
  }
}
