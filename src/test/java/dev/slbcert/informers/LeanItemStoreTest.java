package dev.slbcert.informers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeanItemStoreTest {

  @Test
  void dropsManagedFieldsAndKubectlsLastAppliedCopyButKeepsTheRest() {
    ServerCertificate sc = new ServerCertificate();
    sc.getMetadata().setName("web");
    sc.getMetadata().setNamespace("shop");
    sc.getMetadata().setUid("uid-1");
    sc.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(LeanItemStore.LAST_APPLIED, "{\"a whole copy\":true}", "team", "shop")));
    sc.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    LeanItemStore<ServerCertificate> store = new LeanItemStore<>();

    store.put(store.getKey(sc), sc);

    ServerCertificate kept = store.get("shop/web");
    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getMetadata().getAnnotations()).containsExactly(Map.entry("team", "shop"));
    assertThat(kept.getMetadata().getUid()).isEqualTo("uid-1");
  }

}
