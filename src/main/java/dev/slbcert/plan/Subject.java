package dev.slbcert.plan;

import dev.slbcert.ownership.Action;
import dev.slbcert.ownership.Claim;
import dev.slbcert.ownership.Ownership;
import dev.slbcert.ownership.Verdict;
import dev.slbcert.slb.SlbCertificate;
import java.util.Map;

/**
 * The resource a plan is made for, as plain values: who it is (for {@link Ownership}) and what it
 * asks of its certificate.
 *
 * @param clusterId this cluster's id, or null when unknown
 * @param adopted its spec names an existing certificate (spec.serverCertificateId)
 * @param nameManaged the operator gives the certificate its name (not adopted, or spec.certificateName set)
 * @param rebind listenerRotation Rebind
 */
public record Subject(String uid, String namespace, String name, String clusterId, boolean adopted, boolean nameManaged, String wantedName,
    Map<String, String> wantedTags, boolean rebind) {

  public Claim claim(SlbCertificate certificate) {
    return Ownership.classify(certificate.tags(), uid, clusterId);
  }

  /** What {@link Ownership} says of {@code action} on {@code certificate}, which no namespace permission widens. */
  public Verdict may(SlbCertificate certificate, Action action) {
    return Ownership.may(claim(certificate), action, false, namespace, certificate.id());
  }
}
