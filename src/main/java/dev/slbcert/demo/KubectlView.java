package dev.slbcert.demo;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateStatus;
import dev.slbcert.slb.CertificateReference;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Renders ServerCertificates the way {@code kubectl get -o wide} and {@code kubectl describe} show them. */
final class KubectlView {
  private KubectlView() {}

  static String getWide(List<ServerCertificate> items) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "READY", "CERTIFICATE-ID", "NOT-AFTER", "REGION", "FINGERPRINT", "MESSAGE"});
    for (ServerCertificate sc : items) {
      ServerCertificateStatus s = sc.getStatus() == null ? new ServerCertificateStatus() : sc.getStatus();
      Condition ready = StatusBuilder.find(s.getConditions(), Conditions.READY);
      rows.add(new String[] {sc.getMetadata().getName(), ready == null ? "" : ready.getStatus(), orNone(s.getServerCertificateId()),
          orNone(s.getNotAfter()), sc.getSpec().getRegionId(), orNone(s.getFingerprint()), ready == null ? "" : ready.getMessage()});
    }
    return table(rows);
  }

  static String describe(ServerCertificate sc, List<Event> events) {
    StringBuilder out = new StringBuilder();
    ServerCertificateStatus s = sc.getStatus() == null ? new ServerCertificateStatus() : sc.getStatus();
    line(out, "Name:", sc.getMetadata().getName());
    line(out, "Namespace:", sc.getMetadata().getNamespace());
    line(out, "Finalizers:", String.valueOf(sc.getMetadata().getFinalizers()));
    if (sc.getMetadata().getDeletionTimestamp() != null) {
      line(out, "Deletion Timestamp:", sc.getMetadata().getDeletionTimestamp());
    }
    out.append("Spec:\n");
    line(out, "  Region Id:", sc.getSpec().getRegionId());
    if (sc.getSpec().getSecretRef() != null) {
      line(out, "  Secret Ref:", sc.getSpec().getSecretRef().getName());
    }
    line(out, "  Deletion Policy:", String.valueOf(sc.getSpec().getDeletionPolicy()));
    line(out, "  Listener Rotation:", String.valueOf(sc.getSpec().getListenerRotation()));
    out.append("Status:\n");
    line(out, "  Server Certificate Id:", orNone(s.getServerCertificateId()));
    line(out, "  Certificate Name:", orNone(s.getCertificateName()));
    line(out, "  Fingerprint:", orNone(s.getFingerprint()));
    line(out, "  Common Name:", orNone(s.getCommonName()));
    line(out, "  Not After:", orNone(s.getNotAfter()));
    if (s.getInUseBy() != null) {
      out.append("  In Use By:\n");
      s.getInUseBy().forEach(u -> out.append("    ").append(new CertificateReference(u.getLoadBalancerId(), u.getListenerPort(),
          u.getDomainExtensionId(), u.getDomain()).describe()).append('\n'));
    }
    if (s.getRetiredCertificates() != null) {
      out.append("  Retired Certificates:\n");
      s.getRetiredCertificates().forEach(r -> out.append("    ").append(r.getServerCertificateId()).append('\n'));
    }
    if (s.getServices() != null) {
      out.append("  Services:\n");
      s.getServices().forEach(b -> out.append("    ").append(b.getName()).append(": ").append(orNone(b.getCertificateId())).append('\n'));
    }
    out.append("  Conditions:\n");
    List<String[]> conditions = new ArrayList<>();
    conditions.add(new String[] {"    Type", "Status", "Reason", "Message"});
    if (s.getConditions() != null) {
      s.getConditions().forEach(c -> conditions.add(new String[] {"    " + c.getType(), c.getStatus(), c.getReason(), c.getMessage()}));
    }
    out.append(table(conditions));
    out.append("Events:\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"  Type", "Reason", "Count", "Message"});
    events.stream().sorted(Comparator.comparing(e -> String.valueOf(e.getFirstTimestamp())))
        .forEach(e -> rows.add(new String[] {"  " + e.getType(), e.getReason(), String.valueOf(e.getCount()), e.getMessage()}));
    out.append(table(rows));
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-24s %s%n", label, value));
  }

  private static String orNone(String value) {
    return value == null ? "<none>" : value;
  }

  private static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        String cell = String.valueOf(row[i]);
        out.append(i < columns - 1 ? String.format("%-" + (widths[i] + 3) + "s", cell) : cell);
      }
      out.append('\n');
    }
    return out.toString();
  }
}
