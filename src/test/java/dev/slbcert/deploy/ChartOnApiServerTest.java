package dev.slbcert.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.RealApiServer.AuditedCall;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chart installed by {@code helm install} into a real API server, and its RBAC enforced there. */
class ChartOnApiServerTest {
  @RegisterExtension static final OperatorHarness H = OperatorHarness.onRealApiServer();
  private static final RealApiServer API = RealApiServer.get();

  @Test
  void defaultInstallCreatesEveryObjectTheChartRenders() {
    InstalledChart chart = InstalledChart.defaults();

    assertThat(chart.result().getStatus()).isEqualTo("deployed");
    List<HasMetadata> rendered = RenderedChart.render(chart.release(), chart.namespace(), Map.of()).objects();
    assertThat(rendered).extracting(HasMetadata::getKind)
        .contains("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service");
    assertThat(rendered).allSatisfy(object -> assertThat(stored(object)).as("%s %s", object.getKind(), object.getMetadata().getName()).isNotNull());
    assertThat(API.admin().apiextensions().v1().customResourceDefinitions().withName("servercertificates.slbcert.dev").get()).isNotNull();
  }

  @Test
  void watchNamespacesInstallGrantsRolesInThoseNamespacesOnly() {
    TestResources.namespace(API.admin(), "scoped-shop");
    TestResources.namespace(API.admin(), "scoped-web");
    InstalledChart chart = InstalledChart.install("scoped", "scoped-system",
        Map.of("watchNamespaces[0]", "scoped-shop", "watchNamespaces[1]", "scoped-web"));
    assertThat(chart.result().getStatus()).isEqualTo("deployed");
    assertThat(RenderedChart.render(chart.release(), chart.namespace(), Map.of("watchNamespaces[0]", "scoped-shop",
        "watchNamespaces[1]", "scoped-web")).objects()).allSatisfy(object -> assertThat(stored(object)).isNotNull());

    try (KubernetesClient operator = API.clientAs(chart.namespace(), chart.serviceAccount())) {
      var resources = operator.resources(ServerCertificate.class);
      assertThat(resources.inNamespace("scoped-shop").list().getItems()).isEmpty();
      assertThat(resources.inNamespace("scoped-web").list().getItems()).isEmpty();
      assertThatThrownBy(() -> resources.inNamespace("default").list()).isInstanceOfSatisfying(KubernetesClientException.class,
          e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> resources.inAnyNamespace().list()).isInstanceOfSatisfying(KubernetesClientException.class,
          e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void theChartsIdentityHoldsEveryLeaseVerbLeaderElectionChecksBeforeItStarts() {
    InstalledChart chart = InstalledChart.defaults();
    try (KubernetesClient operator = API.clientAs(chart.namespace(), chart.serviceAccount())) {
      SelfSubjectRulesReview review = new SelfSubjectRulesReview();
      review.setSpec(new SelfSubjectRulesReviewSpecBuilder().withNamespace(chart.namespace()).build());

      List<ResourceRule> rules = operator.resource(review).create().getStatus().getResourceRules();

      Set<String> leaseVerbs = rules.stream()
          .filter(r -> r.getApiGroups().contains("coordination.k8s.io") && r.getResources().contains("leases"))
          .filter(r -> r.getResourceNames().isEmpty() || r.getResourceNames().contains(InstalledChart.LEASE_NAME))
          .flatMap(r -> r.getVerbs().stream()).collect(Collectors.toCollection(TreeSet::new));
      assertThat(leaseVerbs).contains("create", "get", "update");
    }
  }

  @Test
  void whatTheChartDoesNotGrantIsRefused() {
    InstalledChart chart = InstalledChart.defaults();
    try (KubernetesClient operator = API.clientAs(chart.namespace(), chart.serviceAccount())) {
      assertThatThrownBy(() -> operator.configMaps().inNamespace(H.namespace()).list()).isInstanceOfSatisfying(KubernetesClientException.class,
          e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> operator.secrets().inNamespace(H.namespace()).resource(TestResources.tlsSecret(H.namespace(), "forged", "x", "y"))
          .create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> operator.leases().inNamespace(chart.namespace()).withName("someone-elses-lease").get())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void noCallTheOperatorMakesThroughALifecycleIsRefused() throws Exception {
    InstalledChart chart = InstalledChart.defaults();
    TestResources.certificateFromNewSecret(H.kube(), H.namespace(), "rbac");
    await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.isReady(H.get("rbac")));
    String id = H.get("rbac").getStatus().getServerCertificateId();
    String lb = H.slb().createLoadBalancer(OperatorHarness.REGION, "lb");
    H.slb().createHttpsListener(OperatorHarness.REGION, lb, 443, id);
    H.delete("rbac");
    await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.condition(H.get("rbac"), Conditions.DELETION_BLOCKED) != null);
    await().atMost(Duration.ofSeconds(20)).until(() -> H.events("rbac").stream().anyMatch(e -> e.getCount() != null && e.getCount() > 1));
    H.slb().deleteListener(OperatorHarness.REGION, lb, 443);
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("rbac") == null);
    H.stopOperator(); // releases the Lease: the last calls of a stopping leader count too

    List<AuditedCall> calls = API.auditedCalls(chart.user());
    Set<String> made = calls.stream().map(c -> c.verb() + " " + c.rbacResource()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(made).as("the lifecycle exercised the operator").contains("watch servercertificates", "patch servercertificates/status",
        "patch servercertificates", "get secrets", "watch secrets", "create events", "patch events", "create selfsubjectrulesreviews",
        "get leases", "update leases");
    assertThat(calls).filteredOn(c -> c.code() == 403 || c.code() == 401).as("calls the chart's RBAC refused").isEmpty();
  }

  private static GenericKubernetesResource stored(HasMetadata object) {
    var resources = API.admin().genericKubernetesResources(object.getApiVersion(), object.getKind());
    String namespace = object.getMetadata().getNamespace();
    assertThat(namespace != null || object.getKind().startsWith("Cluster")).as("%s %s names its namespace", object.getKind(),
        object.getMetadata().getName()).isTrue();
    return (namespace == null ? resources.withName(object.getMetadata().getName())
        : resources.inNamespace(namespace).withName(object.getMetadata().getName())).get();
  }
}
