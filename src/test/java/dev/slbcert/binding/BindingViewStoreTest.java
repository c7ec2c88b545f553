package dev.slbcert.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingViewStoreTest {

  @Test
  void keepsTheIdentityTheCertificateIdAndTheReadyConditionOnly() {
    ServerCertificate sc = new ServerCertificate();
    sc.getMetadata().setName("web");
    sc.getMetadata().setNamespace("shop");
    sc.getMetadata().setUid("uid-1");
    sc.getMetadata().setResourceVersion("42");
    sc.getMetadata().setAnnotations(Map.of("team", "shop"));
    sc.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    sc.setSpec(new dev.slbcert.api.v1alpha1.ServerCertificateSpec());
    sc.getSpec().setRegionId("cn-hangzhou");
    ServerCertificateStatus status = new ServerCertificateStatus();
    status.setServerCertificateId("123_cn-hangzhou");
    status.setSubjectAlternativeNames(List.of("web.example.com"));
    status.setConditions(new ArrayList<>(List.of(
        new ConditionBuilder().withType("Uploaded").withStatus("True").build(),
        new ConditionBuilder().withType("Ready").withStatus("True").withReason("Uploaded").withMessage("in SLB").build())));
    sc.setStatus(status);
    BindingViewStore store = new BindingViewStore();

    store.put(store.getKey(sc), sc);

    ServerCertificate kept = store.get("shop/web");
    assertThat(kept.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(kept.getSpec()).isNull();
    assertThat(kept.getStatus().getServerCertificateId()).isEqualTo("123_cn-hangzhou");
    assertThat(kept.getStatus().getSubjectAlternativeNames()).isNull();
    assertThat(kept.getStatus().getConditions()).singleElement()
        .satisfies(c -> assertThat(List.of(c.getType(), c.getStatus(), c.getReason(), c.getMessage()))
            .containsExactly("Ready", "True", "Uploaded", "in SLB"));
  }

  @Test
  void aServerCertificateWithoutStatusHasNoneInTheView() {
    ServerCertificate sc = new ServerCertificate();
    sc.getMetadata().setName("new");
    sc.getMetadata().setNamespace("shop");
    BindingViewStore store = new BindingViewStore();

    store.put(store.getKey(sc), sc);

    assertThat(store.get("shop/new").getStatus()).isNull();
  }
}
