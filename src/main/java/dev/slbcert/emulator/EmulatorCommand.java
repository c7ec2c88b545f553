package dev.slbcert.emulator;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code emulator}: runs the SLB API emulator until stopped. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    versionProvider = dev.slbcert.version.ProjectVersion.class,
    description = "Runs a local SLB API emulator (RPC, signature v1, JSON) with a control API under /_emulator/.")
public final class EmulatorCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8089", description = "Port to bind, 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--access-key-id", defaultValue = EmulatorSettings.DEFAULT_ACCESS_KEY_ID, description = "Accepted access key id (default: ${DEFAULT-VALUE}).")
  String accessKeyId;

  @Option(names = "--access-key-secret", defaultValue = EmulatorSettings.DEFAULT_ACCESS_KEY_SECRET, description = "Its secret (default: ${DEFAULT-VALUE}).")
  String accessKeySecret;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Latency added to every SLB call (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--qps", defaultValue = "0", description = "Calls per second before Throttling.User; 0 for no limit (default: ${DEFAULT-VALUE}).")
  double qps;

  @Option(names = "--certificate-quota", defaultValue = "100", description = "Server certificates allowed per region (default: ${DEFAULT-VALUE}).")
  int certificateQuota;

  @Override
  public Integer call() throws Exception {
    EmulatorSettings settings = new EmulatorSettings(
        host, port, Map.of(accessKeyId, accessKeySecret), latencyMs, qps, certificateQuota, Clock.systemUTC(), Regions.KNOWN);
    CountDownLatch stopped = new CountDownLatch(1);
    try (SlbEmulator emulator = SlbEmulator.start(settings)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println("SLB emulator listening on " + emulator.endpoint());
      System.out.flush();
      stopped.await();
    }
    return 0;
  }
}
