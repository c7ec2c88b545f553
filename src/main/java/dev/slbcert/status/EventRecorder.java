package dev.slbcert.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on a ServerCertificate. The same reason and message on the same object
 * bump the count of one Event instead of adding another, as kubectl describe expects.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "slb-certificate-operator";

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata resource, String reason, String message) {
    record(resource, "Normal", reason, message);
  }

  public void warning(HasMetadata resource, String reason, String message) {
    record(resource, "Warning", reason, message);
  }

  private void record(HasMetadata resource, String type, String reason, String message) {
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName() + "." + shortHash(resource.getMetadata().getUid() + type + reason + message);
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
      if (existing != null) {
        int count = existing.getCount() == null ? 1 : existing.getCount();
        client.v1().events().inNamespace(namespace).withName(name)
            .edit(e -> new EventBuilder(e).withCount(count + 1).withLastTimestamp(now).build());
        return;
      }
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
              .withName(resource.getMetadata().getName()).withNamespace(namespace)
              .withUid(resource.getMetadata().getUid()).withResourceVersion(resource.getMetadata().getResourceVersion()).build())
          .withType(type).withReason(reason).withMessage(message)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}/{}: {}", reason, namespace, resource.getMetadata().getName(), e.getMessage());
    }
  }

  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
