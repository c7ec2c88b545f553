package dev.slbcert.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop run by the main thread, which then exits with the
 * command's own status (0 after a clean stop). The JVM's default handling would start its shutdown
 * sequence instead, in which the operator's own stop cannot exit cleanly and the status is 143. A
 * second signal while stopping ends the process at once.
 */
final class StopSignals {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private StopSignals() {}

  static void install(Runnable stop) {
    AtomicBoolean received = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (!received.compareAndSet(false, true)) {
          LOG.warn("SIG{} again while stopping: exiting now", signal.getName());
          Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        LOG.info("SIG{} received", signal.getName());
        stop.run();
      });
    }
  }
}
