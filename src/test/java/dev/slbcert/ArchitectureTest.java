package dev.slbcert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The boundaries the layout promises, read from the sources. */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/dev/slbcert");

  @Test
  void onlyTheAliyunPackageImportsTheAlibabaSdk() {
    assertThat(sources(MAIN)).filteredOn(f -> read(f).contains("import com.aliyuncs."))
        .allSatisfy(f -> assertThat(f.getParent()).isEqualTo(MAIN.resolve("slb/aliyun")))
        .isNotEmpty();
  }

  @Test
  void theEmulatorKeepsItsOwnReadingOfSlbAndImportsNothingOfTheClient() {
    assertThat(sources(MAIN.resolve("emulator"))).allSatisfy(f -> assertThat(read(f)).as(f.toString()).doesNotContain("import dev.slbcert.slb."));
  }

  /**
   * In the certificate controller, only the step runner writes to SLB: itself (uploads, renames) and
   * through the three helpers only it uses (tags, deletions, listener moves; a release retags through
   * it too). Everything else observes, plans or reports.
   */
  @Test
  void inTheControllerOnlyTheStepRunnerWritesToSlb() {
    Path reconciler = MAIN.resolve("reconciler");
    java.util.regex.Pattern write = java.util.regex.Pattern.compile("\\bslb\\.(upload|rename|delete|tag|untag|moveListener|moveDomainExtension)\\(");
    List<String> helpers = List.of("Retagger", "CertificateDeleter", "ListenerRebinder");

    assertThat(sources(reconciler)).filteredOn(f -> write.matcher(read(f)).find()).extracting(ArchitectureTest::className)
        .containsExactlyInAnyOrder("StepRunner", "Retagger", "CertificateDeleter", "ListenerRebinder");
    assertThat(sources(reconciler)).filteredOn(f -> !helpers.contains(className(f)))
        .filteredOn(f -> helpers.stream().anyMatch(h -> java.util.regex.Pattern.compile("\\b" + h + "\\b").matcher(read(f).replaceAll("(?s)/\\*.*?\\*/", "")).find()))
        .extracting(ArchitectureTest::className).containsExactlyInAnyOrder("StepRunner", "RetainRelease");
  }

  private static String className(Path file) {
    return file.getFileName().toString().replace(".java", "");
  }

  @Test
  void noSourceFileIsLongerThanThreeHundredLines() {
    assertThat(sources(MAIN)).allSatisfy(f -> assertThat(read(f).lines().count()).as(f.toString()).isLessThanOrEqualTo(300));
  }

  /**
   * The packages' imports form no cycle, read from the compiled classes by jdeps: each package can
   * be understood, and changed, from those below it. (Subpackages count with their parent.)
   */
  @Test
  void thePackagesDependOnEachOtherWithoutCycles() {
    Map<String, Set<String>> uses = packageDependencies(Path.of("target/classes"));
    assertThat(uses).as("jdeps found the project's packages").containsKeys("reconciler", "binding", "runtime");

    assertThat(cycles(uses)).as("packages that depend on each other, directly or through others").isEmpty();
  }

  /** The packages from the bottom up, as the README's "How the code is laid out" lists them: each imports only packages before it. */
  private static final List<String> LAYERS = List.of("version", "api", "tls", "slb", "status", "ownership", "fence", "informers", "ccm", "plan", "reconciler",
      "binding", "config", "health", "metrics", "runtime", "orphans", "emulator", "demo", "(root)");

  @Test
  void eachPackageImportsOnlyThePackagesBelowItInTheLayout() {
    Map<String, Set<String>> uses = packageDependencies(Path.of("target/classes"));

    assertThat(LAYERS).as("every package has its place in the layout").containsAll(uses.keySet());
    uses.forEach((from, tos) -> assertThat(tos).as(from + " imports").allSatisfy(to -> assertThat(LAYERS.indexOf(to))
        .as(from + " -> " + to + " (" + to + " is not below " + from + ")").isLessThan(LAYERS.indexOf(from))));
    assertThat(uses.getOrDefault("ccm", Set.of())).as("CCM's conventions are a leaf").isEmpty();
  }

  /**
   * The decisions are pure: the classes of {@code plan} and {@code ownership} use no client of
   * Kubernetes or SLB, no SDK and nothing of the operator framework (jdeps -verbose:class).
   */
  @Test
  void thePlansAndTheOwnershipRulesUseNoClient() {
    StringWriter out = new StringWriter();
    Path classes = Path.of("target/classes");
    int code = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:class",
        "-cp", classes.toString(), classes.resolve("dev/slbcert/plan").toString(), classes.resolve("dev/slbcert/ownership").toString());
    assertThat(code).as("jdeps' exit code").isZero();
    List<String> uses = out.toString().lines().map(String::trim).filter(l -> l.startsWith("dev.slbcert.")).toList();

    assertThat(uses).as("jdeps read the plan package").anyMatch(l -> l.startsWith("dev.slbcert.plan.UpkeepPlan "));
    assertThat(uses).noneMatch(l -> l.contains("-> io.fabric8.kubernetes.client") || l.contains("-> io.javaoperatorsdk")
        || l.contains("-> com.aliyuncs") || l.contains("-> dev.slbcert.slb.SlbClient") || l.contains("-> dev.slbcert.slb.aliyun")
        || l.contains("-> dev.slbcert.status.EventRecorder") || l.contains("-> dev.slbcert.status.StatusWriter"));
  }

  @Test
  void aCycleOfPackagesIsFound() {
    Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

    assertThat(cycles(uses)).containsExactly(List.of("a", "b", "c"));
  }

  /** Top-level package under dev.slbcert to the top-level packages it uses, by {@code jdeps -verbose:package}. */
  private static Map<String, Set<String>> packageDependencies(Path classes) {
    StringWriter out = new StringWriter();
    int code = ToolProvider.findFirst("jdeps").orElseThrow()
        .run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-cp", classes.toString(), classes.toString());
    assertThat(code).as("jdeps' exit code").isZero();
    Map<String, Set<String>> uses = new TreeMap<>();
    for (String line : out.toString().lines().toList()) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 3 && fields[1].equals("->")) {
        String from = topPackage(fields[0]);
        String to = topPackage(fields[2]);
        if (from != null && to != null && !from.equals(to)) {
          uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
        }
      }
    }
    return uses;
  }

  private static String topPackage(String name) {
    if (!name.startsWith("dev.slbcert")) {
      return null;
    }
    String[] parts = name.split("\\.");
    return parts.length > 2 ? parts[2] : "(root)";
  }

  /** The strongly connected sets of more than one package, each sorted (Tarjan's algorithm). */
  static List<List<String>> cycles(Map<String, Set<String>> uses) {
    var search = new Object() {
      final Map<String, Integer> index = new HashMap<>();
      final Map<String, Integer> low = new HashMap<>();
      final Deque<String> stack = new ArrayDeque<>();
      final List<List<String>> found = new ArrayList<>();

      void visit(String v) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
          if (!index.containsKey(w)) {
            visit(w);
            low.put(v, Math.min(low.get(v), low.get(w)));
          } else if (stack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
        }
        if (low.get(v).equals(index.get(v))) {
          List<String> component = new ArrayList<>();
          String w;
          do {
            w = stack.pop();
            component.add(w);
          } while (!w.equals(v));
          if (component.size() > 1) {
            Collections.sort(component);
            found.add(component);
          }
        }
      }
    };
    new TreeSet<>(uses.keySet()).forEach(v -> {
      if (!search.index.containsKey(v)) {
        search.visit(v);
      }
    });
    return search.found;
  }

  private static List<Path> sources(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
