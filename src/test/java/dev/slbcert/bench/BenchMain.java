package dev.slbcert.bench;

import java.time.Duration;

/**
 * {@code mvn -B -q package -DskipTests && mvn -B -q exec:java@bench -Dbench.resources=1000 [-Dbench.regions=2]
 * [-Dbench.latencyMs=20] [-Dbench.qps=50] [-Dbench.heap=128m] [-Dbench.resyncSeconds=20] [-Dbench.process=true]}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
    java.util.logging.LogManager.getLogManager().reset();
    int resources = Integer.getInteger("bench.resources", 1000);
    double qps = Double.parseDouble(System.getProperty("bench.qps", "50"));
    Benchmark.Params params = new Benchmark.Params(resources, Integer.getInteger("bench.regions", 2), Long.getLong("bench.latencyMs", 20), qps,
        qps * 0.95, Boolean.parseBoolean(System.getProperty("bench.process", "true")), System.getProperty("bench.heap", "128m"),
        Duration.ofSeconds(Long.getLong("bench.resyncSeconds", 20)), 3, Math.min(100, resources / 4), Math.min(50, resources / 4),
        Math.min(20, resources / 10), Duration.ofSeconds(Long.getLong("bench.deleteRetryMaxSeconds", 30)));
    System.out.println(new Benchmark(params).run().table());
    System.exit(0);
  }
}
