package dev.slbcert.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Informer event sources of one kind with an item store of their own, one per watched namespace.
 * java-operator-sdk hands the one {@link ItemStore} of a configuration to the informer of every
 * namespace it watches, and each informer's list then removes the other namespaces' objects from
 * that store and reports them deleted: with two namespaces or more, a restart forgot the Secrets
 * (and so the renewals) of all but the namespace listed last. Watching all namespaces, or one, is a
 * single informer and a single source.
 */
public final class NamespacedInformers<R extends HasMetadata, P extends HasMetadata> {
  /** Objects per page of an informer's initial list (and relist). */
  public static final long LIST_PAGE = 250;
  /** Sources by namespace; the key {@code *} when one source serves every watched namespace. */
  private final Map<String, InformerEventSource<R, P>> sources = new LinkedHashMap<>();

  /**
   * @param name the sources' name (each namespace's gets {@code name-namespace})
   * @param configuration a builder of the sources' configuration, asked once per source, without namespaces or item store
   * @param stores a fresh item store, asked once per source
   */
  public NamespacedInformers(String name, EventSourceContext<P> context, Supplier<InformerEventSourceConfiguration.Builder<R>> configuration,
      Supplier<ItemStore<R>> stores) {
    Set<String> namespaces = context.getControllerConfiguration().getInformerConfig().getNamespaces();
    if (namespaces.size() <= 1 || context.getControllerConfiguration().getInformerConfig().watchAllNamespaces()) {
      sources.put("*", new InformerEventSource<>(configuration.get().withName(name).withNamespacesInheritedFromController()
          .withItemStore(stores.get()).build(), context));
      return;
    }
    for (String namespace : namespaces) {
      sources.put(namespace, new InformerEventSource<>(configuration.get().withName(name + "-" + namespace).withNamespaces(Set.of(namespace))
          .withItemStore(stores.get()).build(), context));
    }
  }

  public List<EventSource<?, P>> sources() {
    return new ArrayList<>(sources.values());
  }

  /** The cached object, from the source of its namespace. */
  public Optional<R> get(ResourceID id) {
    InformerEventSource<R, P> source = sources.containsKey("*") ? sources.get("*") : sources.get(id.getNamespace().orElse(""));
    return source == null ? Optional.empty() : source.get(id);
  }
}
