package dev.slbcert.reconciler;

import dev.slbcert.informers.LeanItemStore;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.ownership.AdoptionPermission;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Wakes the resources that wait for an administrator's permission to adopt or import
 * ({@code Ready=False AdoptionNotAllowed}) as soon as their Namespace's label
 * {@value AdoptionPermission#LABEL} changes, rather than at their next retry. It watches the
 * Namespaces the operator watches, each by name (which RBAC grants by resourceNames), or all of
 * them, and keeps only each one's name and that label.
 */
final class AdoptionLabelWatch {
  private AdoptionLabelWatch() {}

  /** None when the label opens no namespace (ignored, or every namespace is open by the setting). */
  static List<EventSource<?, ServerCertificate>> sources(EventSourceContext<ServerCertificate> context, ReconcilerSettings settings) {
    if (!settings.adoptionByLabel() || settings.adoptionNamespaces().contains(AdoptionPermission.ALL)) {
      return List.of();
    }
    var informers = context.getControllerConfiguration().getInformerConfig();
    if (informers.watchAllNamespaces()) {
      return List.of(source("adoption-label", null, context));
    }
    return informers.getNamespaces().stream().sorted().<EventSource<?, ServerCertificate>>map(ns -> source("adoption-label-" + ns, ns, context))
        .toList();
  }

  private static InformerEventSource<Namespace, ServerCertificate> source(String name, String only, EventSourceContext<ServerCertificate> context) {
    var configuration = InformerEventSourceConfiguration.from(Namespace.class, ServerCertificate.class)
        .withName(name)
        .withSecondaryToPrimaryMapper((Namespace namespace) -> context.getPrimaryCache()
            .list(namespace.getMetadata().getName(), AdoptionLabelWatch::waitsForPermission).map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withOnAddFilter(namespace -> false) // a new Namespace holds no resource yet
        .withOnUpdateFilter((now, before) -> !Objects.equals(label(now), label(before)))
        .withOnDeleteFilter((namespace, unknown) -> false)
        .withItemStore(new LeanItemStore<>(AdoptionLabelWatch::view));
    if (only != null) {
      configuration.withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", only)));
    }
    return new InformerEventSource<>(configuration.build(), context);
  }

  static boolean waitsForPermission(ServerCertificate resource) {
    var ready = StatusBuilder.find(resource.getStatus() == null ? null : resource.getStatus().getConditions(), Conditions.READY);
    return ready != null && Conditions.ADOPTION_NOT_ALLOWED.equals(ready.getReason());
  }

  private static String label(Namespace namespace) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return labels == null ? null : labels.get(AdoptionPermission.LABEL);
  }

  private static Namespace view(Namespace namespace) {
    String label = label(namespace);
    Namespace view = new Namespace();
    view.setMetadata(new ObjectMetaBuilder().withName(namespace.getMetadata().getName()).withUid(namespace.getMetadata().getUid())
        .withResourceVersion(namespace.getMetadata().getResourceVersion())
        .withLabels(label == null ? Map.of() : Map.of(AdoptionPermission.LABEL, label)).build());
    return view;
  }
}
