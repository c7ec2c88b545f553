package dev.slbcert.demo;

import dev.slbcert.binding.ServiceBinding;
import dev.slbcert.slb.LoadBalancerAdmin;
import dev.slbcert.slb.SlbException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imitates what ACK's cloud controller manager (CCM) does with a Service's HTTPS listener, for the
 * demo and the tests (it is not part of the operator): for each Service labelled with its load
 * balancer ({@value ServiceBinding#LOAD_BALANCER_LABEL}) and annotated with a certificate id and
 * {@code alibaba-cloud-loadbalancer-protocol-port: "https:<port>"}, it points that listener at the
 * annotation's certificate (when the annotation changes, and again every two seconds), creating the
 * listener if it is missing, and removes the listener when the Service is deleted.
 */
public final class CloudControllerStandIn implements AutoCloseable {
  public static final String PROTOCOL_PORT_ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port";
  private static final long RESYNC_MILLIS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(CloudControllerStandIn.class);

  private final LoadBalancerAdmin slb;
  private final String regionId;
  private final SharedIndexInformer<Service> informer;

  public CloudControllerStandIn(KubernetesClient kubernetes, LoadBalancerAdmin slb, String regionId) {
    this.slb = slb;
    this.regionId = regionId;
    this.informer = kubernetes.services().inAnyNamespace().withLabel(ServiceBinding.LOAD_BALANCER_LABEL).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service service) {
        sync(service);
      }

      @Override
      public void onUpdate(Service before, Service after) {
        sync(after); // also at every resync, as CCM syncs: a move that failed is tried again
      }

      @Override
      public void onDelete(Service service, boolean unknownFinalState) {
        removeListener(service);
      }
    }, RESYNC_MILLIS);
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
    }
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
  public void close() {
    informer.close();
  }
}
