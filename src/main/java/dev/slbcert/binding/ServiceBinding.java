package dev.slbcert.binding;

import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;

/** The labels and annotations by which a Service binds to a ServerCertificate, and by which ACK's cloud controller manager marks it. */
public final class ServiceBinding {
  /** On a Service: the name of the ServerCertificate (same namespace) whose certificate its load balancer should serve. */
  public static final String LABEL = "slbcert.dev/server-certificate";
  /** On a Service: the certificate id ACK's cloud controller manager sets on the Service's HTTPS listener. */
  public static final String CERTIFICATE_ID_ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-cert-id";
  /** On a Service: the load balancer ACK's cloud controller manager made for it. */
  public static final String LOAD_BALANCER_LABEL = "service.k8s.alibaba/loadbalancer-id";

  private ServiceBinding() {}

  /** The ServerCertificate a Service names, or null. */
  public static String serverCertificateOf(Service service) {
    Map<String, String> labels = service.getMetadata().getLabels();
    return labels == null ? null : labels.get(LABEL);
  }

  /** The certificate id of a Service's annotation, or null. */
  public static String certificateIdOf(Service service) {
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(CERTIFICATE_ID_ANNOTATION);
  }
}
