package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@value #ANNOTATION}: a new value asks the operator to check one resource now (as Flux's
 * {@code reconcile.fluxcd.io/requestedAt} does), for example after an administrator opened its
 * namespace to adoption. The change of an annotation leaves the generation as it is, so the
 * controller's own informer lets it pass unseen; this second one, keeping only each resource's
 * name and that annotation, turns a changed value into a reconciliation.
 */
final class CheckRequests {
  static final String ANNOTATION = "slbcert.dev/check-requested-at";

  private CheckRequests() {}

  static NamespacedInformers<ServerCertificate, ServerCertificate> informers(EventSourceContext<ServerCertificate> context) {
    return new NamespacedInformers<>("check-requests", context, () -> InformerEventSourceConfiguration
        .from(ServerCertificate.class, ServerCertificate.class)
        .withSecondaryToPrimaryMapper((ServerCertificate sc) -> Set.of(ResourceID.fromResource(sc)))
        .withOnAddFilter(sc -> false) // the controller's informer reconciles what is added
        .withOnUpdateFilter((now, before) -> !Objects.equals(requested(now), requested(before)))
        .withOnDeleteFilter((sc, unknown) -> false)
        .withInformerListLimit(ServerCertificateReconciler.LIST_PAGE), () -> new LeanItemStore<>(CheckRequests::view));
  }

  private static String requested(ServerCertificate sc) {
    Map<String, String> annotations = sc.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  private static ServerCertificate view(ServerCertificate sc) {
    ServerCertificate view = new ServerCertificate();
    String requested = requested(sc);
    view.setMetadata(new ObjectMetaBuilder().withName(sc.getMetadata().getName()).withNamespace(sc.getMetadata().getNamespace())
        .withUid(sc.getMetadata().getUid()).withResourceVersion(sc.getMetadata().getResourceVersion())
        .withAnnotations(requested == null ? Map.of() : Map.of(ANNOTATION, requested)).build());
    view.setSpec(null);
    return view;
  }
}
