package dev.slbcert.reconciler;

import dev.slbcert.informers.LeanItemStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The Secret informer's cache, holding metadata only. The informer exists to notice changes; the
 * certificate and key are read with a GET of the one Secret a ServerCertificate references, and
 * no other Secret's data is kept in memory (nor kubectl's last-applied copy of it, nor managedFields).
 */
final class DatalessSecretStore extends LeanItemStore<Secret> {
  DatalessSecretStore() {
    super(secret -> new SecretBuilder().withMetadata(LeanItemStore.trim(secret).getMetadata()).withType(secret.getType()).build());
  }
}
