package dev.slbcert.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An Alibaba Cloud SLB server certificate, uploaded from a TLS Secret or adopted by id. */
@Group(ServerCertificate.GROUP)
@Version(ServerCertificate.VERSION)
@Plural("servercertificates")
@Singular("servercertificate")
@ShortNames({"slbcert", "slbcerts"})
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Secret", jsonPath = ".spec.secretRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Certificate-ID", jsonPath = ".status.serverCertificateId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Not-After", jsonPath = ".status.notAfter", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Region", jsonPath = ".spec.regionId", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Fingerprint", jsonPath = ".status.fingerprint", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class ServerCertificate extends CustomResource<ServerCertificateSpec, ServerCertificateStatus> implements Namespaced {
  /** What kubectl explain says of the resource. */
  public static final String DESCRIPTION = "An Alibaba Cloud SLB (Classic Load Balancer) server certificate, uploaded from a kubernetes.io/tls"
      + " Secret (and uploaded again when the Secret is renewed), adopted by id, or imported from Certificate Management Service;"
      + " deleted with the resource unless deletionPolicy is Retain.";
  /** What kubectl explain says of spec. */
  public static final String SPEC_DESCRIPTION = "The certificate asked for: its region, exactly one source (secretRef, serverCertificateId or"
      + " aliCloudCertificate), and its name, tags and policies in SLB.";
  /** What kubectl explain says of status. */
  public static final String STATUS_DESCRIPTION = "The certificate as SLB holds it (id, fingerprint, names, validity), the conditions Ready"
      + " and DeletionBlocked, and what uses or replaced it. Written by the operator.";

  public static final String GROUP = "slbcert.dev";
  public static final String VERSION = "v1alpha1";
}
