package dev.slbcert.ccm;

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

  /** On a Service: an existing load balancer CCM should reuse instead of making one. */
  public static final String REUSED_LOAD_BALANCER_ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id";
  /** On a Service on a reused load balancer: "true" lets CCM manage that load balancer's listeners. */
  public static final String FORCE_OVERRIDE_ANNOTATION = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-force-override-listeners";

  private ServiceBinding() {}

  /**
   * Why ACK's cloud controller manager cannot serve a certificate of this region, or null when it
   * can (or the cluster's region is unknown): it looks certificates up in the cluster's region only.
   */
  public static String whyCcmCannotUse(String certificateRegion, String clusterRegion) {
    if (certificateRegion == null || clusterRegion == null || certificateRegion.equals(clusterRegion)) {
      return null;
    }
    return "its certificate is in region " + certificateRegion + ", but ACK's cloud controller manager of this cluster (region " + clusterRegion
        + ") looks certificates up in its own region only and would fail the Service's sync; create the ServerCertificate with regionId "
        + clusterRegion;
  }

  /**
   * Why CCM will not move this Service's listener to a new certificate, or null when it will. CCM
   * leaves the listeners of a reused load balancer alone unless told to override them.
   */
  public static String whyListenersStay(Service service) {
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    if (annotations == null || annotations.get(REUSED_LOAD_BALANCER_ANNOTATION) == null
        || "true".equalsIgnoreCase(annotations.getOrDefault(FORCE_OVERRIDE_ANNOTATION, "").trim())) {
      return null;
    }
    return "the Service reuses load balancer " + annotations.get(REUSED_LOAD_BALANCER_ANNOTATION) + " without " + FORCE_OVERRIDE_ANNOTATION
        + ": \"true\", so ACK's cloud controller manager leaves its listeners as they are and no renewal reaches them; set that annotation,"
        + " or move the listener to each new certificate yourself";
  }

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
