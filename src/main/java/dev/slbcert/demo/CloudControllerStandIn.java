package dev.slbcert.demo;

import dev.slbcert.ccm.ServiceBinding;
import dev.slbcert.slb.LoadBalancerAdmin;
import dev.slbcert.slb.SlbException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imitates what ACK's cloud controller manager (CCM) does with a Service's HTTPS listener, for the
 * demo and the tests (it is not part of the operator): for each Service labelled with its load
 * balancer ({@value ServiceBinding#LOAD_BALANCER_LABEL}) and annotated with a certificate id and
 * {@code alibaba-cloud-loadbalancer-protocol-port: "https:<port>"}, it points that listener at the
 * annotation's certificate (when the annotation changes, and again every two seconds; each Service
 * once at a time, by a few workers, from its latest state, as CCM's work queue does), creating the
 * listener if it is missing, and removes the listener when the Service is deleted. After a sync
 * it writes the label {@value #HASH_LABEL} on the Service, a hash of what it synced, as CCM does:
 * the Service changes once its listener has moved.
 */
public final class CloudControllerStandIn implements AutoCloseable {
  public static final String PROTOCOL_PORT_ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port";
  /** CCM's label on a Service it has synced: a hash of the annotations and spec it synced from. */
  public static final String HASH_LABEL = "service.beta.kubernetes.io/hash";
  private static final long RESYNC_MILLIS = 2_000;
  private static final int WORKERS = 4;
  private static final Logger LOG = LoggerFactory.getLogger(CloudControllerStandIn.class);

  private final KubernetesClient kubernetes;
  private final LoadBalancerAdmin slb;
  private final String regionId;
  private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
    Thread t = new Thread(r, "ccm-stand-in");
    t.setDaemon(true);
    return t;
  });
  /** Services waiting for a sync, running one, and to be synced again after the running one: each key once, as CCM's work queue. */
  private final Set<String> queued = new HashSet<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> again = new HashSet<>();
  /** The last state of Services deleted while their key waited. */
  private final Map<String, Service> deleted = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Service> informer;

  public CloudControllerStandIn(KubernetesClient kubernetes, LoadBalancerAdmin slb, String regionId) {
    this.kubernetes = kubernetes;
    this.slb = slb;
    this.regionId = regionId;
    this.informer = kubernetes.services().inAnyNamespace().withLabel(ServiceBinding.LOAD_BALANCER_LABEL).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service service) {
        enqueue(Cache.metaNamespaceKeyFunc(service));
      }

      @Override
      public void onUpdate(Service before, Service after) {
        enqueue(Cache.metaNamespaceKeyFunc(after)); // also at every resync, as CCM syncs: a move that failed is tried again
      }

      @Override
      public void onDelete(Service service, boolean unknownFinalState) {
        String key = Cache.metaNamespaceKeyFunc(service);
        deleted.put(key, service);
        enqueue(key);
      }
    }, RESYNC_MILLIS);
  }

  /** Queues a Service's key unless it waits already; one running now is synced again once it is done. */
  private synchronized void enqueue(String key) {
    if (running.contains(key)) {
      again.add(key);
    } else if (queued.add(key)) {
      try {
        workers.execute(() -> process(key));
      } catch (RejectedExecutionException closing) {
        process(key); // closing: a Service synced again after its running sync (its deletion, say) is finished here
      }
    }
  }

  /** Syncs the Service's latest state, or removes its listener when it is gone. */
  private void process(String key) {
    synchronized (this) {
      queued.remove(key);
      running.add(key);
    }
    try {
      Service service = informer.getStore().getByKey(key);
      Service gone = deleted.remove(key);
      if (service != null) {
        sync(service);
      } else if (gone != null) {
        removeListener(gone);
      }
    } finally {
      synchronized (this) {
        running.remove(key);
        if (again.remove(key)) {
          enqueue(key);
        }
      }
    }
  }

  /** The load balancer and HTTPS port a Service's labels and annotations name, or null when they name none. */
  private record Listener(String loadBalancerId, int port) {
    static Listener of(Service service) {
      Map<String, String> annotations = service.getMetadata().getAnnotations();
      String protocolPort = annotations == null ? null : annotations.get(PROTOCOL_PORT_ANNOTATION);
      if (protocolPort == null) {
        return null;
      }
      // a list, as CCM reads it: "https:443,http:80"
      for (String entry : protocolPort.split(",")) {
        String[] pair = entry.trim().split(":");
        if (pair.length == 2 && "https".equalsIgnoreCase(pair[0].trim()) && pair[1].trim().matches("\\d{1,5}")) {
          return new Listener(service.getMetadata().getLabels().get(ServiceBinding.LOAD_BALANCER_LABEL), Integer.parseInt(pair[1].trim()));
        }
      }
      return null;
    }
  }

  private void sync(Service service) {
    String certificateId = ServiceBinding.certificateIdOf(service);
    Listener listener = Listener.of(service);
    if (certificateId == null || listener == null) {
      return;
    }
    try {
      try {
        slb.setListenerCertificate(regionId, listener.loadBalancerId(), listener.port(), certificateId);
      } catch (SlbException e) {
        if (e.kind() != SlbException.Kind.NOT_FOUND) {
          throw e;
        }
        slb.createHttpsListener(regionId, listener.loadBalancerId(), listener.port(), certificateId);
      }
      LOG.debug("CCM stand-in: listener {}:{} of Service {}/{} now serves {}", listener.loadBalancerId(), listener.port(),
          service.getMetadata().getNamespace(), service.getMetadata().getName(), certificateId);
    } catch (SlbException e) {
      LOG.warn("CCM stand-in: could not set listener {}:{}: {}", listener.loadBalancerId(), listener.port(), e.getMessage());
      return;
    }
    markSynced(service);
  }

  /** Writes the hash label of what was synced, when it differs (so its own write, synced again, writes nothing). */
  private void markSynced(Service service) {
    String hash = syncedHash(service);
    if (hash.equals(service.getMetadata().getLabels().get(HASH_LABEL))) {
      return;
    }
    try {
      kubernetes.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + HASH_LABEL + "\":\"" + hash + "\"}}}");
    } catch (KubernetesClientException e) {
      LOG.warn("CCM stand-in: could not label Service {}/{}: {}", service.getMetadata().getNamespace(), service.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static String syncedHash(Service service) {
    String synced = String.valueOf(new TreeMap<>(service.getMetadata().getAnnotations())) + service.getSpec();
    return HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(synced.hashCode()).array());
  }

  private void removeListener(Service service) {
    Listener listener = Listener.of(service);
    if (listener == null) {
      return;
    }
    try {
      slb.deleteListener(regionId, listener.loadBalancerId(), listener.port());
      LOG.info("CCM stand-in: removed listener {}:{} of deleted Service {}/{}", listener.loadBalancerId(), listener.port(),
          service.getMetadata().getNamespace(), service.getMetadata().getName());
    } catch (SlbException e) {
      LOG.warn("CCM stand-in: could not remove listener {}:{}: {}", listener.loadBalancerId(), listener.port(), e.getMessage());
    }
  }

  @Override
  /** Stops watching, then finishes the syncs already queued (a listener of a deleted Service is removed, never left half done). */
  public void close() {
    informer.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("CCM stand-in: syncs still running after 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
