package dev.slbcert.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile read against the build and the chart (ContainerImageIT builds and runs the image itself). */
class DockerfileTest {
  private final List<String> lines = read();

  @Test
  void buildsWithAJdk17AndRunsAJlinkedRuntimeOnADistrolessBaseByDefault() {
    assertThat(lines).anyMatch(l -> l.matches("ARG BUILD_IMAGE=maven:\\S*temurin-17"));
    assertThat(lines).anyMatch(l -> l.matches("ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12"));
    assertThat(lines).contains("FROM ${BUILD_IMAGE} AS build", "FROM ${RUNTIME_IMAGE}", "COPY --from=build /opt/java /opt/java",
        "ENV PATH=/opt/java/bin:$PATH");
    String script = String.join("\n", lines);
    assertThat(script).as("the runtime's modules: jdeps's, and those only used as services").contains("jdeps --ignore-missing-deps --print-module-deps")
        .contains("ARG EXTRA_MODULES=jdk.crypto.ec,jdk.random").contains("jlink --add-modules \"$modules,$EXTRA_MODULES\"");
  }

  @Test
  void theRunStageOnlyCopiesWhatTheBuildMade() {
    List<String> runStage = lines.subList(lines.indexOf("FROM ${RUNTIME_IMAGE}"), lines.size()).stream().filter(l -> !l.startsWith("#")).toList();

    // a base without a shell (distroless) runs no command, so the run stage has none to run
    assertThat(runStage).noneMatch(l -> l.startsWith("RUN "));
    assertThat(runStage).contains("COPY --from=build /opt/java /opt/java", "COPY --from=build /app /app");
    assertThat(String.join("\n", lines)).doesNotContain("groupadd").doesNotContain("useradd").doesNotContain("/etc/passwd");
  }

  @Test
  void copiesTheJarTheBuildMakesAndRunsIt() throws Exception {
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>slb-certificate-operator</finalName>");
    String script = String.join("\n", lines);
    assertThat(script).contains("jar --extract --file /src/target/slb-certificate-operator.jar")
        .contains("jar --create --file /app/slb-certificate-operator.jar");
    assertThat(entrypoint()).endsWith("\"-jar\", \"/app/slb-certificate-operator.jar\", \"run\"]");
  }

  @Test
  void theJvmOptionsComeFromTheOptionsFileTheBenchmarkUsesToo() throws Exception {
    assertThat(lines).contains("COPY deploy/jvm.options /app/jvm.options");
    assertThat(entrypoint()).startsWith("ENTRYPOINT [\"java\", \"@/app/jvm.options\",");
    List<String> options = Files.readAllLines(Path.of("deploy", "jvm.options")).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(options).contains("-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")
        .allMatch(o -> o.startsWith("-"), "one option per line").noneMatch(o -> o.startsWith("-Xmx"));
    String training = lines.stream().filter(l -> l.contains("-XX:DumpLoadedClassList")).findFirst().orElseThrow();
    String dump = lines.stream().filter(l -> l.contains("-Xshare:dump")).findFirst().orElseThrow();
    assertThat(List.of(training, dump)).as("the class-data archive is made with the same options").allMatch(l -> l.contains("/opt/java/bin/java @/app/jvm.options "));
    assertThat(String.join("\n", lines)).as("the archive is made from the image's jar").contains("-cp /app/slb-certificate-operator.jar >");
    assertThat(dump).contains("-XX:SharedArchiveFile=/app/slb-certificate-operator.jsa");
    assertThat(entrypoint()).contains("\"-XX:SharedArchiveFile=/app/slb-certificate-operator.jsa\"");
  }

  @Test
  void userAndPortAgreeWithTheChart() throws Exception {
    RenderedChart chart = RenderedChart.render(Map.of());
    var pod = chart.deployment().getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);
    Matcher user = Pattern.compile("USER (\\d+):(\\d+)").matcher(String.join("\n", lines));
    assertThat(user.find()).isTrue();

    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(Long.parseLong(user.group(1)));
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(Long.parseLong(user.group(2)));
    assertThat(lines).contains("EXPOSE " + String.join(" ", operator.getPorts().stream().map(p -> String.valueOf(p.getContainerPort())).toList()));
    // the image is where the installer pushed it; its tag defaults to the chart's appVersion
    String appVersion = Files.readAllLines(RenderedChart.CHART.resolve("Chart.yaml")).stream().filter(l -> l.startsWith("appVersion:"))
        .map(l -> l.substring("appVersion:".length()).trim().replace("\"", "")).findFirst().orElseThrow();
    assertThat(operator.getImage()).isEqualTo(RenderedChart.IMAGE + ":" + appVersion);
    assertThat(Files.readAllLines(Path.of("deploy", "jvm.options"))).contains("-Djava.io.tmpdir=/tmp");
    assertThat(operator.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
  }

  private String entrypoint() {
    return lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
  }

  private static List<String> read() {
    try {
      return Files.readAllLines(Path.of("Dockerfile"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
