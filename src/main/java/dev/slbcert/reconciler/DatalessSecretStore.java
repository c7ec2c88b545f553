package dev.slbcert.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.stream.Stream;

/**
 * The Secret informer's cache, holding metadata only. The informer exists to notice changes; the
 * certificate and key are read with a GET of the one Secret a ServerCertificate references, and
 * no other Secret's data is kept in memory (nor kubectl's last-applied copy of it, nor managedFields).
 */
final class DatalessSecretStore implements ItemStore<Secret> {
  private final BasicItemStore<Secret> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

  @Override
  public String getKey(Secret secret) {
    return store.getKey(secret);
  }

  @Override
  public Secret put(String key, Secret secret) {
    return store.put(key, new SecretBuilder().withMetadata(LeanItemStore.trim(secret).getMetadata()).withType(secret.getType()).build());
  }

  @Override
  public Secret remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<Secret> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public Secret get(String key) {
    return store.get(key);
  }
}
