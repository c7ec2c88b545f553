package dev.slbcert.reconciler;

import dev.slbcert.ccm.ServiceBinding;
import dev.slbcert.informers.NamespacedInformers;
import dev.slbcert.api.v1alpha1.BoundService;
import dev.slbcert.fence.FencedOff;
import dev.slbcert.fence.WriteFence;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.reconciler.SecretCertificateReader.SecretPem;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each ServerCertificate's SLB certificate as asked. A reconciliation reads: observe and
 * decide which certificate the source gives, and act on it ({@link CertificateSync}, whose plans are
 * {@code plan}'s and whose steps the {@link StepRunner} runs); then the certificate's upkeep the same
 * way ({@link Upkeep}); then {@link Report} (one status write, Events, metrics). Deletion is the
 * {@link DeletionHandler}'s, built alike.
 */
@ControllerConfiguration(name = ServerCertificateReconciler.NAME, finalizerName = ServerCertificateReconciler.FINALIZER,
    generationAwareEventProcessing = false, informer = @Informer(onUpdateFilter = ReconciledChanges.class))
public final class ServerCertificateReconciler implements Reconciler<ServerCertificate>, Cleaner<ServerCertificate> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerCertificateReconciler.class);
  public static final String NAME = "servercertificate";
  public static final String FINALIZER = "slbcert.dev/finalizer";
  private static final String SECRET_INDEX = "secretRef";
  /** Secrets per page of the Secret informer's list: at most this many MiB of Secret data in memory at once. */
  static final long SECRET_LIST_PAGE = 25;

  private final Clock clock;
  private final ReconcilerSettings settings;
  private final SecretCertificateReader secretReader;
  private final CertificateSync sync;
  private final DeletionHandler deletion;
  private final ResourceMetrics metrics;
  private final Report report;
  private final KubernetesClient kubernetes;
  private final Upkeep upkeep;
  private final boolean serviceBinding;
  private final WriteFence fence;
  private final NamespaceShare share = new NamespaceShare(NamespaceShare.THREADS);
  /** The Secret informer (metadata only): set when the operator prepares its event sources. */
  private NamespacedInformers<Secret, ServerCertificate> secrets;

  /**
   * The controller's collaborators come built (runtime's {@code CertificateController} makes the
   * object graph): each of observe, plan, act and report has its own.
   *
   * @param fence shut when this replica can no longer prove it leads: nothing is then started or written
   * @param serviceBinding report the Services bound by label in status (the operator may read Services)
   * @param secretReader reads and checks the referenced Secret (observe)
   * @param sync decides and makes the certificate in use from the resource's source (observe, plan, act)
   * @param upkeep its name, tags, duplicates and retired certificates (observe, plan, act)
   * @param deletion the finalizer's work
   * @param report says what a reconciliation came to (status, Events, metrics)
   * @param metrics the resources' metrics, pruned to the resources that exist
   */
  public ServerCertificateReconciler(WriteFence fence, KubernetesClient kubernetes, Clock clock, ReconcilerSettings settings, boolean serviceBinding,
      SecretCertificateReader secretReader, CertificateSync sync, Upkeep upkeep, DeletionHandler deletion, Report report, ResourceMetrics metrics) {
    this.fence = fence;
    this.kubernetes = kubernetes;
    this.clock = clock;
    this.settings = settings;
    this.serviceBinding = serviceBinding;
    this.secretReader = secretReader;
    this.sync = sync;
    this.upkeep = upkeep;
    this.deletion = deletion;
    this.report = report;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, ServerCertificate>> prepareEventSources(EventSourceContext<ServerCertificate> context) {
    var resources = context.getPrimaryCache();
    metrics.keepOnlyExisting((namespace, name) -> resources.get(new ResourceID(name, namespace)).isPresent());
    resources.addIndexer(SECRET_INDEX, sc -> sc.getSpec() == null || sc.getSpec().getSecretRef() == null
        ? List.of() : List.of(secretKey(sc.getSpec().getSecretRef().getName(), sc.getMetadata().getNamespace())));
    secrets = new NamespacedInformers<>("secrets", context, () -> InformerEventSourceConfiguration.from(Secret.class, ServerCertificate.class)
        .withSecondaryToPrimaryMapper((Secret secret) -> context.getPrimaryCache()
            .byIndex(SECRET_INDEX, secretKey(secret.getMetadata().getName(), secret.getMetadata().getNamespace()))
            .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
        // only TLS Secrets: the operator has no business with the others (their names and versions included)
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("type", SecretCertificateReader.TLS_TYPE)))
        // small pages: the store drops Secret data, but a list response holds a whole page of it at
        // once, and a tenant's Secret may hold up to the API server's 1 MiB (120 of them in one page
        // of 250 exhausted a 384 MiB heap at every start)
        .withInformerListLimit(SECRET_LIST_PAGE), DatalessSecretStore::new);
    List<EventSource<?, ServerCertificate>> sources = new ArrayList<>(secrets.sources());
    sources.addAll(AdoptionLabelWatch.sources(context, settings));
    if (serviceBinding) {
      sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(Service.class, ServerCertificate.class)
          .withLabelSelector(ServiceBinding.LABEL)
          .withSecondaryToPrimaryMapper((Service service) -> Set.of(new ResourceID(ServiceBinding.serverCertificateOf(service),
              service.getMetadata().getNamespace())))
          .withNamespacesInheritedFromController()
          .build(), context));
    }
    return sources;
  }

  @Override
  public UpdateControl<ServerCertificate> reconcile(ServerCertificate resource, Context<ServerCertificate> context) {
    if (!fence.open()) {
      return UpdateControl.noUpdate(); // leadership lost: the replica that leads now owns this resource
    }
    try {
      return share.run(resource.getMetadata().getNamespace(), () -> sync(resource, context),
          () -> UpdateControl.<ServerCertificate>noUpdate().rescheduleAfter(NamespaceShare.deferral()));
    } catch (FencedOff e) {
      LOG.warn("{}; {}/{} is left to the replica that leads now", e.getMessage(), resource.getMetadata().getNamespace(), resource.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
  }

  private UpdateControl<ServerCertificate> sync(ServerCertificate resource, Context<ServerCertificate> context) {
    return sync(resource, context, true);
  }

  /** @param lookAgain whether a certificate gone from SLB since the region's last listing is looked for again at once */
  private UpdateControl<ServerCertificate> sync(ServerCertificate resource, Context<ServerCertificate> context, boolean lookAgain) {
    StatusBuilder status = StatusBuilder.from(resource, clock).deletionNotBlocked().inUseBy(List.of());
    if (ReconciledChanges.newCheckRequest(resource)) { // asked to check now: nothing cached counts
      sync.forgetListing(resource.getSpec().getRegionId());
      status.checkRequestHandled(ReconciledChanges.checkRequestedAt(resource));
    }
    try {
      SpecValidator.validate(resource);
      Observed observed = establish(resource);
      Upkeep.Done upkept = upkeep.run(resource, observed.certificate(), observed.replaced());
      return report.available(resource, status, upkept, observed.notBefore(), observed.secretResourceVersion(), boundServices(resource, context));
    } catch (SlbException e) {
      if (e.kind() == SlbException.Kind.NOT_FOUND && lookAgain) { // deleted outside the operator: a Secret's is uploaded again now
        sync.forgetListing(resource.getSpec().getRegionId());
        return sync(resource, context, false);
      }
      return report.failed(resource, status.services(boundServices(resource, context)), FailureClassifier.fromSlb(e));
    } catch (ReconcileFailure f) {
      return report.failed(resource, status.services(boundServices(resource, context)), f);
    }
  }

  @Override
  public DeleteControl cleanup(ServerCertificate resource, Context<ServerCertificate> context) {
    try {
      return !fence.open() ? DeleteControl.noFinalizerRemoval() : share.run(resource.getMetadata().getNamespace(),
          () -> deletion.cleanup(resource), () -> DeleteControl.noFinalizerRemoval().rescheduleAfter(NamespaceShare.deferral()));
    } catch (FencedOff e) {
      LOG.warn("{}; the deletion of {}/{} is left to the replica that leads now", e.getMessage(), resource.getMetadata().getNamespace(),
          resource.getMetadata().getName());
      return DeleteControl.noFinalizerRemoval();
    }
  }

  private record Observed(SlbCertificate certificate, SlbCertificate replaced, Instant notBefore, String secretResourceVersion) {}

  private Observed establish(ServerCertificate resource) throws SlbException, ReconcileFailure {
    var spec = resource.getSpec();
    if (spec.getSecretRef() != null) {
      String cachedVersion = cachedSecretVersion(resource);
      Optional<SlbCertificate> unchanged = sync.unchangedSince(resource, cachedVersion);
      if (unchanged.isPresent()) {
        return new Observed(unchanged.get(), null, Instant.parse(resource.getStatus().getNotBefore()), cachedVersion);
      }
      Optional<ReconcileFailure> refused = secretReader.refusedBefore(resource.getMetadata().getNamespace(), spec.getSecretRef().getName(),
          cachedVersion);
      if (refused.isPresent()) {
        throw refused.get(); // the same version of the Secret: not read or parsed again
      }
      Secret secret = SecretCertificateReader.referenced(kubernetes, resource);
      SecretPem pem = secretReader.read(secret);
      CertificateSync.Ensured ensured = sync.ensureFromSecret(resource, pem);
      if (ensured.replaced() != null) {
        report.rotated(resource, spec.getSecretRef().getName(), ensured.certificate(), ensured.replaced());
      }
      return new Observed(ensured.certificate(), ensured.replaced(), pem.details().notBefore(), secret.getMetadata().getResourceVersion());
    }
    if (spec.getServerCertificateId() != null) {
      return new Observed(sync.ensureAdopted(resource), null, null, null);
    }
    return new Observed(sync.ensureImported(resource), null, null, null);
  }

  /** The resourceVersion of the referenced Secret in the informer's cache (which holds no Secret data), or null. */
  private String cachedSecretVersion(ServerCertificate resource) {
    return secrets.get(new ResourceID(resource.getSpec().getSecretRef().getName(), resource.getMetadata().getNamespace()))
        .map(secret -> secret.getMetadata().getResourceVersion()).orElse(null);
  }

  /** The Services of this namespace labelled with this resource's name, and the id each carries; null when bindings are off. */
  private List<BoundService> boundServices(ServerCertificate resource, Context<ServerCertificate> context) {
    if (!serviceBinding) {
      return null;
    }
    return context.getSecondaryResources(Service.class).stream()
        .map(s -> new BoundService(s.getMetadata().getName(), ServiceBinding.certificateIdOf(s), bindingWarning(resource, s)))
        .sorted(Comparator.comparing(BoundService::getName)).toList();
  }

  /** Why a renewal will not reach this Service's listener, or null. */
  private String bindingWarning(ServerCertificate resource, Service service) {
    String otherRegion = ServiceBinding.whyCcmCannotUse(resource.getSpec().getRegionId(), settings.clusterRegion());
    return otherRegion != null ? otherRegion : ServiceBinding.whyListenersStay(service);
  }

  private static String secretKey(String name, String namespace) {
    return namespace + "/" + name;
  }
}
