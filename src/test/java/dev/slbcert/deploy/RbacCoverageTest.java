package dev.slbcert.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.ResourceObserver;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Runs the operator through a whole lifecycle and checks each API call it made against the chart's RBAC. */
class RbacCoverageTest {
  private static final String USER_AGENT = "slb-certificate-operator/rbac-check";

  /** One API call in RBAC terms. */
  record ApiCall(String verb, String group, String resource, String namespace, String name) {
    static ApiCall of(String method, String fullPath) {
      String path = fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
      String query = fullPath.contains("?") ? fullPath.substring(fullPath.indexOf('?') + 1) : "";
      List<String> parts = new ArrayList<>(List.of(path.substring(1).split("/")));
      String group;
      if (parts.get(0).equals("api")) {
        group = "";
        parts = parts.subList(2, parts.size());
      } else {
        group = parts.get(1);
        parts = parts.subList(3, parts.size());
      }
      String namespace = null;
      if (parts.size() >= 2 && parts.get(0).equals("namespaces") && parts.size() > 2) {
        namespace = parts.get(1);
        parts = parts.subList(2, parts.size());
      }
      String resource = parts.get(0);
      String name = parts.size() > 1 ? parts.get(1) : null;
      if (parts.size() > 2) {
        resource = resource + "/" + parts.get(2);
      }
      String verb = switch (method) {
        case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> name != null ? "delete" : "deletecollection";
        default -> method.toLowerCase();
      };
      return new ApiCall(verb, group, resource, namespace, name);
    }

    boolean allowedBy(String ruleNamespace, PolicyRule rule) {
      boolean namespaceOk = ruleNamespace == null || ruleNamespace.equals(namespace);
      boolean nameOk = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() || (name != null && rule.getResourceNames().contains(name));
      return namespaceOk && nameOk && rule.getApiGroups().contains(group) && rule.getResources().contains(resource) && rule.getVerbs().contains(verb);
    }

    @Override
    public String toString() {
      return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (namespace == null ? "" : " in " + namespace) + (name == null ? "" : " " + name);
    }
  }

  @Test
  void everyCallTheOperatorMakesIsAllowedByTheChartsRbac() throws Exception {
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null)))) {
      var kube = kubernetes.client();
      TestResources.namespace(kube, RenderedChart.NAMESPACE);
      TestResources.namespace(kube, "shop");
      var election = new OperatorRuntime.LeaderElection("slb-certificate-operator", RenderedChart.NAMESPACE, "pod-1",
          Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250), false);
      try (OperatorRuntime operator = new OperatorRuntime(kubernetes.newClient(USER_AGENT), slb, OperatorHarness.FAST, Set.of(), Clock.systemUTC(),
          ResourceObserver.NONE, election).start()) {
        runLifecycle(kube, slb);
      }

      Set<String> denied = new TreeSet<>();
      Set<String> made = new TreeSet<>();
      RenderedChart chart = RenderedChart.render(Map.of());
      for (String[] request : kubernetes.takeRequests()) {
        if (!request[2].equals(USER_AGENT)) {
          continue;
        }
        ApiCall call = ApiCall.of(request[0], request[1]);
        if (call.resource().equals("selfsubjectrulesreviews")) {
          continue; // every authenticated user may ask what it may do (the default system:basic-user role)
        }
        made.add(call.verb() + " " + call.resource());
        if (chart.rules().stream().noneMatch(r -> call.allowedBy(r.getKey(), r.getValue()))) {
          denied.add(call.toString());
        }
      }
      assertThat(made).as("the lifecycle exercised the operator").contains("watch servercertificates", "patch servercertificates/status",
          "watch secrets", "create events", "patch leases");
      assertThat(denied).as("calls the chart's RBAC does not allow").isEmpty();
    }
  }

  private static void runLifecycle(io.fabric8.kubernetes.client.KubernetesClient kube, AliyunSlbClient slb) throws Exception {
    TestResources.certificateFromNewSecret(kube, "shop", "rbac");
    var resources = kube.resources(ServerCertificate.class).inNamespace("shop");
    await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.isReady(resources.withName("rbac").get()));
    String id = resources.withName("rbac").get().getStatus().getServerCertificateId();
    String lb = slb.createLoadBalancer("cn-hangzhou", "lb");
    slb.createHttpsListener("cn-hangzhou", lb, 443, id);
    resources.withName("rbac").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.condition(resources.withName("rbac").get(), Conditions.DELETION_BLOCKED) != null);
    await().atMost(Duration.ofSeconds(20)).until(() -> OperatorHarness.events(kube, "shop", "rbac").stream()
        .anyMatch(e -> e.getCount() != null && e.getCount() > 1));
    slb.deleteListener("cn-hangzhou", lb, 443);
    await().atMost(Duration.ofSeconds(20)).until(() -> resources.withName("rbac").get() == null);
  }
}
