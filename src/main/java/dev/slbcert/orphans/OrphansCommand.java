package dev.slbcert.orphans;

import dev.slbcert.runtime.ClusterIdentity;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.config.ConfigException;
import dev.slbcert.config.DurationParser;
import dev.slbcert.config.OperatorConfig;
import dev.slbcert.ownership.OrphanRule;
import java.time.Clock;
import java.time.Duration;
import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbException;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code orphans}: lists, and with --delete deletes, this cluster's SLB certificates whose ServerCertificate is gone. */
@Command(
    name = "orphans",
    mixinStandardHelpOptions = true,
    versionProvider = dev.slbcert.version.ProjectVersion.class,
    description = {"Lists the SLB certificates of this cluster (tag slbcert.dev/cluster) whose owning ServerCertificate no longer exists,",
        "with the listeners that use them; with --delete, deletes those no listener uses and says why it keeps the others.",
        "Lists apart the certificates released by deletionPolicy Retain (tag slbcert.dev/released-by), with the namespace that",
        "released each and how long ago; only --delete-released deletes them (those no listener uses; --released-by limits it",
        "to one namespace's). Uses the same kubeconfig, SLB endpoint and credentials as run, and acts for the cluster it reaches;",
        "for another (--cluster-id) it lists candidates, and deletes them only when told that cluster is gone (--cluster-gone).",
        "Never touches adopted or untagged certificates, nor orphans younger than --min-age."})
public final class OrphansCommand implements Callable<Integer> {
  @Option(names = "--region", split = ",", required = true, paramLabel = "R", description = "Regions to look in, comma-separated.")
  List<String> regions;

  @Option(names = "--delete", description = "Delete the orphans no listener uses.")
  boolean delete;

  @Option(names = "--delete-released", description = "Delete the released certificates (deletionPolicy Retain) no listener uses.")
  boolean deleteReleased;

  @Option(names = "--released-by", paramLabel = "NAMESPACE", description = "Only the certificates released by this namespace.")
  String releasedBy;

  @Option(names = "--min-age", defaultValue = "10m", paramLabel = "DURATION",
      description = "Leave out certificates younger than this (default ${DEFAULT-VALUE}): a ServerCertificate may not be visible yet.")
  String minAge;

  @Option(names = "--cluster-id", paramLabel = "ID", description = "Act for the cluster with this id (the tag slbcert.dev/cluster)."
      + " For another cluster than the one the kubeconfig reaches, whose ServerCertificates cannot be seen from here, every certificate"
      + " it uploaded is listed as a candidate, and --delete needs --cluster-gone.")
  String clusterIdOption;

  @Option(names = "--cluster-gone", paramLabel = "ID", description = "Say that the cluster with this id is gone for good, so that --delete"
      + " may delete the certificates it uploaded although its ServerCertificates cannot be seen from here.")
  String clusterGone;

  private final Map<String, String> env;
  private final PrintStream out;
  private final java.util.function.Supplier<KubernetesClient> kubernetesClient;

  public OrphansCommand() {
    this(System.getenv(), System.out, () -> new KubernetesClientBuilder().build());
  }

  /** With its environment, output and Kubernetes client given (as a test runs it). */
  public OrphansCommand(Map<String, String> env, PrintStream out, java.util.function.Supplier<KubernetesClient> kubernetesClient) {
    this.env = env;
    this.out = out;
    this.kubernetesClient = kubernetesClient;
  }

  @Override
  public Integer call() throws Exception {
    OperatorConfig config;
    try (KubernetesClient kubernetes = kubernetesClient.get()) {
      OrphanScope.Plan plan;
      Duration grace;
      try {
        config = OperatorConfig.fromEnvironment(env);
        grace = DurationParser.parse("--min-age", minAge);
        plan = OrphanScope.plan(blankToNull(clusterIdOption), config.reconciler().clusterId(), ClusterIdentity.connected(kubernetes),
            delete || deleteReleased, blankToNull(clusterGone));
        if (plan.refusal() != null) {
          throw new ConfigException(plan.refusal());
        }
      } catch (ConfigException e) {
        out.println("slb-certificate-operator: " + e.getMessage());
        return 2;
      }
      Set<String> live = Set.of();
      if (plan.kind() == OrphanScope.Kind.LOCAL) {
        live = kubernetes.resources(ServerCertificate.class).inAnyNamespace().list().getItems().stream()
            .map(sc -> sc.getMetadata().getUid()).collect(Collectors.toSet());
        out.printf("Cluster %s: %d ServerCertificates exist%n", plan.clusterId(), live.size());
      } else {
        out.printf("Cluster %s is not the cluster the kubeconfig reaches: its ServerCertificates cannot be seen from here, so every"
            + " certificate it uploaded is listed as a candidate, not known to be an orphan%n", plan.clusterId());
      }
      try (AliyunSlbClient slb = new AliyunSlbClient(config.slb())) {
        OrphanFinder finder = new OrphanFinder(slb, plan.clusterId(), Clock.systemUTC(), grace);
        int status = report(finder, slb, live, plan.kind() == OrphanScope.Kind.LOCAL ? "orphaned certificate(s)" : "candidate(s)");
        return status == 0 ? reportReleased(finder, slb) : status;
      }
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private int report(OrphanFinder finder, AliyunSlbClient slb, Set<String> live, String found) throws SlbException {
    out.printf("%-16s %-52s %-32s %-22s %s%n", "REGION", "CERTIFICATE-ID", "NAME", "EXPIRES", "USED-BY");
    int count = 0;
    for (String region : regions) {
      for (OrphanFinder.Orphan orphan : finder.find(region.trim(), live)) {
        count++;
        var c = orphan.certificate();
        String users = orphan.usedBy().isEmpty() ? "-" : orphan.usedBy().stream().map(CertificateReference::describe).collect(Collectors.joining(", "));
        out.printf("%-16s %-52s %-32s %-22s %s%n", region, c.id(), c.name(), c.expireTime(), users);
        if (delete) {
          if (orphan.verdict() == OrphanRule.Finding.DELETABLE) {
            slb.delete(region.trim(), c.id());
            out.println("  deleted " + c.id());
          } else {
            out.println("  kept " + c.id() + ": still used by " + users + "; detach it first");
          }
        }
      }
    }
    out.printf("%d %s%s (certificates younger than %s are left out)%n", count, found,
        delete ? "" : "; run again with --delete to delete those no listener uses", minAge);
    return 0;
  }

  private int reportReleased(OrphanFinder finder, AliyunSlbClient slb) throws SlbException {
    out.printf("%nReleased by deletionPolicy Retain%s (each counts against its namespace's limit until deleted):%n",
        releasedBy == null ? "" : " in namespace " + releasedBy);
    out.printf("%-16s %-52s %-32s %-20s %-10s %s%n", "REGION", "CERTIFICATE-ID", "NAME", "RELEASED-BY", "AGE", "USED-BY");
    int found = 0;
    java.time.Instant now = Clock.systemUTC().instant();
    for (String region : regions) {
      for (OrphanFinder.Released released : finder.released(region.trim(), releasedBy)) {
        found++;
        var c = released.certificate();
        String users = released.usedBy().isEmpty() ? "-" : released.usedBy().stream().map(CertificateReference::describe).collect(Collectors.joining(", "));
        out.printf("%-16s %-52s %-32s %-20s %-10s %s%n", region, c.id(), c.name(), released.release().namespace(),
            age(Duration.between(released.release().at(), now)), users);
        if (deleteReleased) {
          if (released.usedBy().isEmpty()) {
            slb.delete(region.trim(), c.id());
            out.println("  deleted " + c.id());
          } else {
            out.println("  kept " + c.id() + ": still used by " + users + "; detach it first");
          }
        }
      }
    }
    out.printf("%d released certificate(s)%s%n", found, deleteReleased ? "" : "; kept unless --delete-released is given");
    return 0;
  }

  /** 3d4h, 5h12m, 7m: the two largest units. */
  static String age(Duration age) {
    long minutes = Math.max(0, age.toMinutes());
    if (minutes >= 24 * 60) {
      return minutes / (24 * 60) + "d" + minutes % (24 * 60) / 60 + "h";
    }
    return minutes >= 60 ? minutes / 60 + "h" + minutes % 60 + "m" : minutes + "m";
  }
}
