package dev.slbcert.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.concurrent.Callable;
import java.util.logging.LogManager;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the whole lifecycle on an embedded Kubernetes API and SLB emulator. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = dev.slbcert.version.ProjectVersion.class,
    description = "Runs the operator on an embedded Kubernetes API and the SLB emulator and walks through create, "
        + "attach, blocked delete and release. Exits 0 when every step behaves as shown.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--verbose", description = "Show the operator's log lines too.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!verbose) {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
      LogManager.getLogManager().reset(); // the embedded API server logs every request through java.util.logging
    }
    return new Demo(System.out).run() ? 0 : 1;
  }
}
