package dev.slbcert.bench;

import java.time.Duration;

/**
 * {@code mvn -B -q package -DskipTests && mvn -B -q exec:java@bench -Dbench.resources=1000 [-Dbench.regions=2]
 * [-Dbench.latencyMs=20] [-Dbench.qps=50] [-Dbench.heap=128m] [-Dbench.resyncSeconds=20] [-Dbench.process=true]
 * [-Dbench.renewals=200] [-Dbench.quota=100] [-Dbench.scaleOnly=true] [-Dbench.cds=true] [-Dbench.jvmArgs="..."] [-Dbench.api=real]
 * [-Dbench.submitThreads=8] [-Dbench.profile=DIR]}: DIR receives the operator's class histogram, native memory (with -XX:NativeMemoryTracking=summary), threads and smaps
 * after the cold start and after the restart.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
    java.util.logging.LogManager.getLogManager().reset();
    int resources = Integer.getInteger("bench.resources", 1000);
    double qps = Double.parseDouble(System.getProperty("bench.qps", "50"));
    String jvmArgs = System.getProperty("bench.jvmArgs", "").trim();
    if (Boolean.getBoolean("bench.cds")) {
      jvmArgs = (jvmArgs + " -XX:SharedArchiveFile=" + classDataArchive()).trim();
    }
    Benchmark.Params params = new Benchmark.Params(resources, Integer.getInteger("bench.regions", 2), Long.getLong("bench.latencyMs", 20), qps,
        qps * 0.95, Boolean.parseBoolean(System.getProperty("bench.process", "true")), System.getProperty("bench.heap", "128m"),
        Duration.ofSeconds(Long.getLong("bench.resyncSeconds", 20)), 3, Math.min(100, resources / 4), Math.min(50, resources / 4),
        Math.min(20, resources / 10), Duration.ofSeconds(Long.getLong("bench.deleteRetryMaxSeconds", 30)),
        Integer.getInteger("bench.renewals", Math.min(200, resources / 5)), Integer.getInteger("bench.quota", 0),
        Boolean.parseBoolean(System.getProperty("bench.scaleOnly", "false")), jvmArgs.isEmpty() ? java.util.List.of() : java.util.List.of(jvmArgs.split("\\s+")),
        "real".equals(System.getProperty("bench.api")), Integer.getInteger("bench.submitThreads", 8));
    try {
      System.out.println(new Benchmark(params).run().table());
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1); // the real API server's threads would keep the JVM alive
    }
    System.exit(0);
  }

  /** A class-data sharing archive of the built jar, made as the Dockerfile makes it: the classes a run of the demo loads, less the demo's own. */
  private static String classDataArchive() throws Exception {
    java.nio.file.Path archive = java.nio.file.Path.of("target", "slb-certificate-operator.jsa");
    java.nio.file.Path demoClasses = java.nio.file.Path.of("target", "demo.classlist");
    java.nio.file.Path operatorClasses = java.nio.file.Path.of("target", "operator.classlist");
    java.nio.file.Files.deleteIfExists(archive);
    String javaCommand = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String options = "@" + OperatorUnderTest.IMAGE_JVM_OPTIONS;
    run(new ProcessBuilder(javaCommand, options, "-Xmx256m", "-XX:DumpLoadedClassList=" + demoClasses, "-jar", "target/slb-certificate-operator.jar", "demo"));
    run(new ProcessBuilder("sh", "deploy/operator-classes.sh").redirectInput(demoClasses.toFile()).redirectOutput(operatorClasses.toFile()));
    run(new ProcessBuilder(javaCommand, options, "-Xshare:dump", "-XX:SharedClassListFile=" + operatorClasses, "-XX:SharedArchiveFile=" + archive,
        "-cp", "target/slb-certificate-operator.jar"));
    if (!java.nio.file.Files.exists(archive)) {
      throw new IllegalStateException("no class-data archive was made");
    }
    return archive.toString();
  }

  private static void run(ProcessBuilder step) throws Exception {
    if (step.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
      step.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process process = step.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("class-data archive: " + String.join(" ", step.command()) + " failed");
    }
  }
}
