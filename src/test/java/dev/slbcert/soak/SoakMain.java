package dev.slbcert.soak;

import java.time.Duration;

/** {@code mvn -B -q exec:java@soak -Dsoak.resources=500 [-Dsoak.seed=N] [-Dsoak.phaseSeconds=S]}: the soak, larger, with its figures. */
public final class SoakMain {
  private SoakMain() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
    java.util.logging.LogManager.getLogManager().reset();
    int resources = Integer.getInteger("soak.resources", 60);
    long seed = Long.getLong("soak.seed", 20261128L);
    Duration bound = Duration.ofSeconds(Long.getLong("soak.phaseSeconds", Math.max(60, resources / 2L)));
    SoakReport report = new Soak(resources, seed, bound).run();
    System.out.println(report.table());
    System.exit(report.violations.isEmpty() ? 0 : 1);
  }
}
