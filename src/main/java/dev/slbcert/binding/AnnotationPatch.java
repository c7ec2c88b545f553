package dev.slbcert.binding;

import dev.slbcert.ccm.ServiceBinding;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slbcert.fence.WriteFence;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Sets the certificate-id annotation of a Service and nothing else: a JSON Patch whose first
 * operation tests the resourceVersion the decision was made on, so that it cannot erase a change
 * someone else made meanwhile (the server answers 409 and the binding is decided again). Every
 * patch passes the replica's write fence first: one that can no longer prove it leads sends none.
 */
final class AnnotationPatch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnnotationPatch() {}

  /** @throws dev.slbcert.fence.FencedOff when the fence is shut: nothing is sent */
  static void setCertificateId(KubernetesClient client, WriteFence fence, Service service, String certificateId) {
    fence.check("patch of Service " + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion").put("value", service.getMetadata().getResourceVersion());
    if (service.getMetadata().getAnnotations() == null || service.getMetadata().getAnnotations().isEmpty()) {
      patch.addObject().put("op", "add").put("path", "/metadata/annotations").putObject("value");
    }
    patch.addObject().put("op", "add").put("path", "/metadata/annotations/" + escape(ServiceBinding.CERTIFICATE_ID_ANNOTATION))
        .put("value", certificateId);
    // on the resource itself, not by name: fabric8 then sends the patch alone, without reading the Service first
    client.services().inNamespace(service.getMetadata().getNamespace()).resource(service).patch(PatchContext.of(PatchType.JSON), patch.toString());
  }

  /** JSON Pointer escaping (RFC 6901). */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
