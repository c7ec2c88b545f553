package dev.slbcert.binding;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateStatus;
import dev.slbcert.informers.LeanItemStore;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;

/**
 * The binding controller's cache of ServerCertificates, holding only what binding reads: the
 * identity, the certificate id and its region, and the Ready condition. The ServerCertificate controller keeps
 * the whole resource in its own cache; a second whole copy (with the API server's managedFields)
 * was the larger part of the operator's heap at thousands of resources.
 */
final class BindingViewStore extends LeanItemStore<ServerCertificate> {
  BindingViewStore() {
    super(BindingViewStore::view);
  }

  static ServerCertificate view(ServerCertificate sc) {
    ObjectMeta m = sc.getMetadata();
    ServerCertificate view = new ServerCertificate(); // no spec: binding never reads it
    view.setMetadata(new ObjectMetaBuilder().withName(m.getName()).withNamespace(m.getNamespace()).withUid(m.getUid())
        .withResourceVersion(m.getResourceVersion()).withGeneration(m.getGeneration()).withDeletionTimestamp(m.getDeletionTimestamp()).build());
    if (sc.getStatus() != null) {
      ServerCertificateStatus status = new ServerCertificateStatus();
      status.setServerCertificateId(sc.getStatus().getServerCertificateId());
      status.setRegionId(sc.getStatus().getRegionId());
      Condition ready = StatusBuilder.find(sc.getStatus().getConditions(), Conditions.READY);
      status.setConditions(ready == null ? new ArrayList<>() : new ArrayList<>(java.util.List.of(ready)));
      view.setStatus(status);
    }
    return view;
  }
}
