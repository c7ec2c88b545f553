package dev.slbcert.status;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patches the status subresource when it changed. The patch is a JSON Patch computed against the
 * stored object, so lists are replaced as a whole, and the first write sets /status whole.
 */
public final class StatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Writes {@code builder}'s status if it differs; returns false when the object is gone. */
  public boolean write(ServerCertificate resource, StatusBuilder builder) {
    if (!builder.changed()) {
      return true;
    }
    ServerCertificateStatus status = builder.build();
    try {
      client.resources(ServerCertificate.class)
          .inNamespace(resource.getMetadata().getNamespace())
          .withName(resource.getMetadata().getName())
          .editStatus(current -> {
            current.setStatus(status);
            return current;
          });
      resource.setStatus(status);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      if (e.getCode() == 409) {
        LOG.info("status of {}/{} not written: the resource changed meanwhile; reconciling again", resource.getMetadata().getNamespace(),
            resource.getMetadata().getName());
        throw e;
      }
      LOG.warn("status of {}/{} not written: {}", resource.getMetadata().getNamespace(), resource.getMetadata().getName(), e.getMessage());
      throw e;
    }
  }
}
