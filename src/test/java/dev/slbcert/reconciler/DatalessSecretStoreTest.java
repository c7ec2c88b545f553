package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatalessSecretStoreTest {

  @Test
  void keepsMetadataAndTypeButNoData() {
    DatalessSecretStore store = new DatalessSecretStore();
    Secret secret = new SecretBuilder().withNewMetadata().withName("tls").withNamespace("shop").withResourceVersion("7").endMetadata()
        .withType("kubernetes.io/tls").withData(Map.of("tls.key", "c2VjcmV0")).withStringData(Map.of("x", "y")).build();

    store.put(store.getKey(secret), secret);

    Secret kept = store.get("shop/tls");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(kept.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(kept.getData()).isNullOrEmpty();
    assertThat(kept.getStringData()).isNullOrEmpty();
    assertThat(store.values()).allSatisfy(s -> assertThat(s.getData()).isNullOrEmpty());
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void theSecretStoreKeepsNoLastAppliedCopyOfTheKey() {
    var secret = new SecretBuilder().withNewMetadata().withName("tls").withNamespace("shop")
        .addToAnnotations(dev.slbcert.informers.LeanItemStore.LAST_APPLIED, "{\"data\":{\"tls.key\":\"...\"}}").endMetadata()
        .withType("kubernetes.io/tls").addToData("tls.key", "a2V5").build();
    DatalessSecretStore store = new DatalessSecretStore();

    store.put(store.getKey(secret), secret);

    assertThat(store.get("shop/tls").getMetadata().getAnnotations()).doesNotContainKey(dev.slbcert.informers.LeanItemStore.LAST_APPLIED);
    assertThat(store.get("shop/tls").getData()).isNullOrEmpty();
  }
}
