package dev.slbcert.binding;

import dev.slbcert.ccm.ServiceBinding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slbcert.fence.FencedOff;
import dev.slbcert.fence.WriteFence;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The annotation patch on a real API server: it sets one annotation and cannot overwrite a change made since it looked. */
class AnnotationPatchOnApiServerTest {
  private static final String NS = "annotation-patch";
  private static KubernetesClient kube;

  @BeforeAll
  static void namespace() {
    kube = RealApiServer.get().admin();
    TestResources.namespace(kube, NS);
  }

  @Test
  void setsTheAnnotationOnAServiceWithoutAnyAndKeepsEverythingElse() {
    Service created = kube.services().inNamespace(NS).resource(service("plain")).create();

    AnnotationPatch.setCertificateId(kube, WriteFence.ALWAYS_OPEN, created, "123_cn-hangzhou");

    Service patched = kube.services().inNamespace(NS).withName("plain").get();
    assertThat(patched.getMetadata().getAnnotations()).containsExactly(java.util.Map.entry(ServiceBinding.CERTIFICATE_ID_ANNOTATION, "123_cn-hangzhou"));
    assertThat(patched.getMetadata().getLabels()).isEqualTo(created.getMetadata().getLabels());
    assertThat(patched.getSpec().getPorts()).isEqualTo(created.getSpec().getPorts());
  }

  @Test
  void aServiceChangedSinceItWasReadIsNotOverwritten() {
    Service seen = kube.services().inNamespace(NS).resource(new ServiceBuilder(service("busy"))
        .editMetadata().addToAnnotations("example.com/note", "v1").endMetadata().build()).create();
    kube.services().inNamespace(NS).withName("busy").edit(s -> new ServiceBuilder(s).editMetadata()
        .addToAnnotations("example.com/note", "v2").endMetadata().build());

    assertThatThrownBy(() -> AnnotationPatch.setCertificateId(kube, WriteFence.ALWAYS_OPEN, seen, "123_cn-hangzhou"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isIn(409, 422));

    Service now = kube.services().inNamespace(NS).withName("busy").get();
    assertThat(now.getMetadata().getAnnotations()).containsEntry("example.com/note", "v2").doesNotContainKey(ServiceBinding.CERTIFICATE_ID_ANNOTATION);
  }

  @Test
  void aReplicaThatCannotProveItLeadsSendsNoPatch() {
    Service created = kube.services().inNamespace(NS).resource(service("fenced")).create();

    assertThatThrownBy(() -> AnnotationPatch.setCertificateId(kube, () -> false, created, "123_cn-hangzhou")).isInstanceOf(FencedOff.class)
        .hasMessageContaining("Service " + NS + "/fenced");

    Service now = kube.services().inNamespace(NS).withName("fenced").get();
    assertThat(now.getMetadata().getResourceVersion()).as("nothing was written").isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(now.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  private static Service service(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).addToLabels(ServiceBinding.LABEL, "shop").endMetadata()
        .withNewSpec().addNewPort().withPort(443).endPort().endSpec().build();
  }
}
