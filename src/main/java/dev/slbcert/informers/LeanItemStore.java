package dev.slbcert.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An informer cache that does not keep what the operator never reads: managedFields, and the
 * last-applied-configuration annotation kubectl writes (a whole copy of the object). On a real API
 * server these take more memory than the rest of a ServerCertificate.
 */
public class LeanItemStore<R extends HasMetadata> implements ItemStore<R> {
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final BasicItemStore<R> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
  private final java.util.function.UnaryOperator<R> keep;

  public LeanItemStore() {
    this(LeanItemStore::trim);
  }

  /** @param keep what to keep of each object (it may build a smaller copy) */
  public LeanItemStore(java.util.function.UnaryOperator<R> keep) {
    this.keep = keep;
  }

  /** Removes managedFields and the last-applied annotation from {@code resource}, in place. */
  public static <T extends HasMetadata> T trim(T resource) {
    resource.getMetadata().setManagedFields(null);
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
      annotations.remove(LAST_APPLIED);
    }
    return resource;
  }

  @Override
  public String getKey(R resource) {
    return store.getKey(resource);
  }

  @Override
  public R put(String key, R resource) {
    return store.put(key, keep.apply(resource));
  }

  @Override
  public R remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<R> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public R get(String key) {
    return store.get(key);
  }
}
