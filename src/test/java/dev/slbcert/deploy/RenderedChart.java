package dev.slbcert.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The chart rendered by helm template, parsed into typed objects. */
record RenderedChart(List<HasMetadata> objects) {
  static final Path CHART = Path.of("deploy/helm/slb-certificate-operator");
  static final String NAMESPACE = "slbcert-system";

  /** An image repository any installation must give (the chart has none by default). */
  static final String IMAGE = "registry.example.com/ops/slb-certificate-operator";

  /**
   * A copy of the chart whose values.yaml is changed by {@code edit} and gives {@link #IMAGE} (helm
   * lint reads only the chart's own values.yaml; an installation must give the image).
   */
  static Path copyWithValues(UnaryOperator<String> edit) throws IOException {
    Path copy = Files.createTempDirectory("chart").resolve("slb-certificate-operator");
    try (var files = Files.walk(CHART)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(CHART.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    Path values = copy.resolve("values.yaml");
    Files.writeString(values, edit.apply(Files.readString(values).replace("repository: \"\"", "repository: " + IMAGE)));
    return copy;
  }

  static RenderedChart render(Map<String, Object> values) {
    return render("slbcert", NAMESPACE, values);
  }

  static RenderedChart render(String release, String namespace, Map<String, Object> values) {
    TemplateCommand template = new Helm(CHART).template().withName(release).withNamespace(namespace);
    template.set("image.repository", IMAGE);
    values.forEach(template::set);
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : template.call().split("(?m)^---\\s*$")) {
      String body = document.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
      if (body.isBlank()) {
        continue;
      }
      GenericKubernetesResource generic = Serialization.unmarshal(body, GenericKubernetesResource.class);
      objects.add(switch (generic.getKind()) {
        case "Deployment" -> Serialization.unmarshal(body, Deployment.class);
        case "Role" -> Serialization.unmarshal(body, Role.class);
        case "ClusterRole" -> Serialization.unmarshal(body, ClusterRole.class);
        case "ClusterRoleBinding" -> Serialization.unmarshal(body, io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class);
        case "Service" -> Serialization.unmarshal(body, io.fabric8.kubernetes.api.model.Service.class);
        default -> generic;
      });
    }
    return new RenderedChart(objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<HasMetadata> kind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  Deployment deployment() {
    return all(Deployment.class).get(0);
  }

  /** Every RBAC rule with the namespace it applies in (null for a ClusterRole). */
  List<Map.Entry<String, PolicyRule>> rules() {
    List<Map.Entry<String, PolicyRule>> rules = new ArrayList<>();
    all(ClusterRole.class).forEach(r -> r.getRules().forEach(rule -> rules.add(new java.util.AbstractMap.SimpleEntry<>(null, rule))));
    all(Role.class).forEach(r -> r.getRules().forEach(rule -> rules.add(new java.util.AbstractMap.SimpleEntry<>(r.getMetadata().getNamespace(), rule))));
    return rules;
  }
}
