package dev.slbcert.binding;

import dev.slbcert.runtime.ClusterRegion;
import dev.slbcert.ccm.ServiceBinding;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.fence.FencedOff;
import dev.slbcert.fence.WriteFence;
import dev.slbcert.informers.NamespacedInformers;
import dev.slbcert.reconciler.ServerCertificateReconciler;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import dev.slbcert.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the certificate-id annotation of every Service labelled {@value ServiceBinding#LABEL} on
 * the current certificate of the ServerCertificate it names, so that ACK's cloud controller manager
 * moves the Service's HTTPS listener after every renewal. Make before break: the annotation moves
 * only to a certificate that is uploaded and Ready; anything less leaves it as it is, with a
 * Warning Event on the Service that says why.
 */
@ControllerConfiguration(name = ServiceBindingReconciler.NAME, informer = @Informer(labelSelector = ServiceBinding.LABEL))
public final class ServiceBindingReconciler implements Reconciler<Service> {
  public static final String NAME = "service-binding";
  private static final Logger LOG = LoggerFactory.getLogger(ServiceBindingReconciler.class);
  private static final String BY_SERVER_CERTIFICATE = "serverCertificate";

  private final KubernetesClient kubernetes;
  private final EventRecorder events;
  private final WriteFence fence;
  private final String clusterRegion;
  /** The ServerCertificates the bound Services name (a small view of each): set when the controller prepares its event sources. */
  private NamespacedInformers<ServerCertificate, Service> serverCertificates;

  /**
   * @param fence shut when this replica can no longer prove it leads: no annotation is then written
   * @param clusterRegion the cluster's region (see {@link ClusterRegion}), or null when unknown
   */
  public ServiceBindingReconciler(KubernetesClient kubernetes, EventRecorder events, WriteFence fence, String clusterRegion) {
    this.fence = fence;
    this.clusterRegion = clusterRegion;
    this.kubernetes = kubernetes;
    this.events = events;
  }

  @Override
  public List<EventSource<?, Service>> prepareEventSources(EventSourceContext<Service> context) {
    context.getPrimaryCache().addIndexer(BY_SERVER_CERTIFICATE, service -> ServiceBinding.serverCertificateOf(service) == null ? List.of()
        : List.of(service.getMetadata().getNamespace() + "/" + ServiceBinding.serverCertificateOf(service)));
    serverCertificates = new NamespacedInformers<>("server-certificates", context, () -> InformerEventSourceConfiguration
        .from(ServerCertificate.class, Service.class)
        .withSecondaryToPrimaryMapper((ServerCertificate sc) -> context.getPrimaryCache()
            .byIndex(BY_SERVER_CERTIFICATE, sc.getMetadata().getNamespace() + "/" + sc.getMetadata().getName())
            .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((Service service) -> Set.of(new ResourceID(ServiceBinding.serverCertificateOf(service),
            service.getMetadata().getNamespace())))
        .withInformerListLimit(NamespacedInformers.LIST_PAGE), BindingViewStore::new);
    return serverCertificates.sources();
  }

  @Override
  public UpdateControl<Service> reconcile(Service service, Context<Service> context) {
    String name = ServiceBinding.serverCertificateOf(service);
    Optional<ServerCertificate> bound = name == null ? Optional.empty()
        : serverCertificates.get(new ResourceID(name, service.getMetadata().getNamespace()));
    if (bound.isEmpty()) {
      events.warning(service, Conditions.SERVER_CERTIFICATE_NOT_FOUND, notFoundMessage(service, name));
      return UpdateControl.noUpdate();
    }
    ServerCertificate sc = bound.get();
    String id = sc.getStatus() == null ? null : sc.getStatus().getServerCertificateId();
    Condition ready = StatusBuilder.find(sc.getStatus() == null ? null : sc.getStatus().getConditions(), Conditions.READY);
    if (id == null || ready == null || !Conditions.TRUE.equals(ready.getStatus())) {
      String why = ready == null ? "it has no certificate yet" : ready.getReason() + ": " + ready.getMessage();
      events.warning(service, Conditions.SERVER_CERTIFICATE_NOT_READY, "ServerCertificate " + name + " is not Ready (" + why
          + "); the annotation " + ServiceBinding.CERTIFICATE_ID_ANNOTATION + " stays " + describe(ServiceBinding.certificateIdOf(service)));
      return UpdateControl.noUpdate();
    }
    String current = ServiceBinding.certificateIdOf(service);
    String otherRegion = ServiceBinding.whyCcmCannotUse(sc.getStatus().getRegionId(), clusterRegion); // the view keeps no spec
    if (otherRegion != null) {
      events.warning(service, Conditions.CERTIFICATE_IN_ANOTHER_REGION, "ServerCertificate " + name + ": " + otherRegion + "; the annotation "
          + ServiceBinding.CERTIFICATE_ID_ANNOTATION + " stays " + describe(current));
      return UpdateControl.noUpdate();
    }
    String stays = ServiceBinding.whyListenersStay(service);
    if (stays != null) {
      events.warning(service, Conditions.LISTENER_NOT_MOVED_BY_CCM, "ServerCertificate " + name + ": " + stays);
    }
    if (!Objects.equals(current, id)) {
      try {
        if (!patchWithFreshVersionOnConflict(service, id)) {
          return UpdateControl.noUpdate();
        }
      } catch (FencedOff e) {
        LOG.warn(e.getMessage());
        return UpdateControl.noUpdate();
      }
      LOG.info("set the certificate of Service {}/{} to {} (was {})", service.getMetadata().getNamespace(), service.getMetadata().getName(), id,
          describe(current));
      events.normal(service, Conditions.CERTIFICATE_BOUND, "set " + ServiceBinding.CERTIFICATE_ID_ANNOTATION + " to " + id
          + " (was " + describe(current) + "), the current certificate of ServerCertificate " + name);
    }
    return UpdateControl.noUpdate();
  }

  /**
   * Patches on the version the decision was made on; when the patch fails (its version test failed
   * because the Service changed or the cache missed a change and stays behind, or no answer came),
   * reads the Service again and, if its annotation is not yet the id, patches once more on the
   * version just read. A second failure goes back to the retry with backoff.
   *
   * @return whether the Service now carries the id (false when it is gone or names another
   *     ServerCertificate now)
   */
  private boolean patchWithFreshVersionOnConflict(Service service, String id) {
    try {
      AnnotationPatch.setCertificateId(kubernetes, fence, service, id);
      return true;
    } catch (KubernetesClientException e) {
      LOG.info("Service {}/{} changed while binding it ({}); binding again on its current version", service.getMetadata().getNamespace(),
          service.getMetadata().getName(), e.getCode());
      Service fresh = kubernetes.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName()).get();
      if (fresh == null || !ServiceBinding.serverCertificateOf(service).equals(ServiceBinding.serverCertificateOf(fresh))) {
        return false; // gone, or names another ServerCertificate now: its own event decides again
      }
      if (id.equals(ServiceBinding.certificateIdOf(fresh))) {
        return true; // the first patch took effect and its answer was lost, or the same decision was made meanwhile
      }
      AnnotationPatch.setCertificateId(kubernetes, fence, fresh, id);
      return true;
    }
  }

  /** Names nothing outside the Service's namespace: whether a ServerCertificate of that name exists elsewhere is not this namespace's business. */
  private static String notFoundMessage(Service service, String name) {
    return "label " + ServiceBinding.LABEL + " names ServerCertificate " + name + ", which does not exist in namespace "
        + service.getMetadata().getNamespace() + " (a Service binds only to a ServerCertificate of its own namespace); the annotation "
        + ServiceBinding.CERTIFICATE_ID_ANNOTATION + " stays " + describe(ServiceBinding.certificateIdOf(service));
  }

  private static String describe(String certificateId) {
    return certificateId == null ? "unset" : certificateId;
  }
}
