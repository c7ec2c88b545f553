package dev.slbcert.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The chart installed with {@code helm install} into the {@link RealApiServer}, once per release
 * and JVM. Pods never run there (no kubelet); what the tests take from an installation is its
 * objects and its ServiceAccount, whose token then acts as the operator's pod would.
 */
public record InstalledChart(String release, String namespace, Release result) {
  public static final Path CHART = Path.of("deploy/helm/slb-certificate-operator");
  public static final String CHART_NAME = "slb-certificate-operator";
  /** The chart's default leaderElection.leaseName. */
  public static final String LEASE_NAME = "slb-certificate-operator";
  private static final Map<String, InstalledChart> INSTALLED = new HashMap<>();

  /** Installs {@code release} into {@code namespace} (created if missing) with {@code values} over the defaults. */
  public static synchronized InstalledChart install(String release, String namespace, Map<String, Object> values) {
    return INSTALLED.computeIfAbsent(namespace + "/" + release, key -> {
      InstallCommand install = new Helm(CHART).install().withName(release).withNamespace(namespace).createNamespace()
          .withKubeConfig(RealApiServer.get().adminKubeconfig());
      install.set("image.repository", "registry.example.com/ops/slb-certificate-operator"); // pods never run on this API server
      values.forEach(install::set);
      return new InstalledChart(release, namespace, install.call());
    });
  }

  /** The chart's default installation (release {@code slbcert} in {@code slbcert-system}), as the README installs it. */
  public static InstalledChart defaults() {
    return install("slbcert", "slbcert-system", Map.of());
  }

  /** The name of the release's ServiceAccount, Deployment and ClusterRole. */
  public String fullName() {
    return release.contains(CHART_NAME) ? release : release + "-" + CHART_NAME;
  }

  public String serviceAccount() {
    return fullName();
  }

  /** The user the operator's pods authenticate as. */
  public String user() {
    return RealApiServer.userOf(namespace, serviceAccount());
  }
}
