package dev.slbcert.emulator;

import java.time.Clock;
import java.util.Map;

/**
 * How an emulator runs.
 *
 * @param host address to bind
 * @param port port to bind, 0 for any free port
 * @param accessKeys accepted access key ids and their secrets
 * @param latencyMs added to every SLB call
 * @param qps calls per second accepted before {@code Throttling.User}; 0 for no limit
 * @param certificateQuota server certificates allowed per region
 */
public record EmulatorSettings(
    String host, int port, Map<String, String> accessKeys, long latencyMs, double qps, int certificateQuota, Clock clock) {

  public static final String DEFAULT_ACCESS_KEY_ID = "emulator";
  public static final String DEFAULT_ACCESS_KEY_SECRET = "emulator";

  public EmulatorSettings {
    accessKeys = Map.copyOf(accessKeys);
  }

  /** Loopback, a free port, the default key pair, no latency or rate limit, quota 100. */
  public static EmulatorSettings defaults() {
    return new EmulatorSettings(
        "127.0.0.1", 0, Map.of(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET), 0, 0, 100, Clock.systemUTC());
  }

  public EmulatorSettings withPort(int newPort) {
    return new EmulatorSettings(host, newPort, accessKeys, latencyMs, qps, certificateQuota, clock);
  }

  public EmulatorSettings withQps(double newQps) {
    return new EmulatorSettings(host, port, accessKeys, latencyMs, newQps, certificateQuota, clock);
  }

  public EmulatorSettings withLatencyMs(long newLatencyMs) {
    return new EmulatorSettings(host, port, accessKeys, newLatencyMs, qps, certificateQuota, clock);
  }

  public EmulatorSettings withCertificateQuota(int quota) {
    return new EmulatorSettings(host, port, accessKeys, latencyMs, qps, quota, clock);
  }

  public EmulatorSettings withClock(Clock newClock) {
    return new EmulatorSettings(host, port, accessKeys, latencyMs, qps, certificateQuota, newClock);
  }
}
