package dev.slbcert.emulator;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * How an emulator runs.
 *
 * @param host address to bind
 * @param port port to bind, 0 for any free port
 * @param accessKeys accepted access key ids and their secrets
 * @param latencyMs added to every SLB call
 * @param qps calls per second accepted before {@code Throttling.User}; 0 for no limit
 * @param certificateQuota server certificates allowed per region
 * @param regions region ids it serves (SLB's by default); others are refused with InvalidRegionId
 */
public record EmulatorSettings(
    String host, int port, Map<String, String> accessKeys, long latencyMs, double qps, int certificateQuota, Clock clock, Set<String> regions) {

  public static final String DEFAULT_ACCESS_KEY_ID = "emulator";
  public static final String DEFAULT_ACCESS_KEY_SECRET = "emulator";

  public EmulatorSettings {
    accessKeys = Map.copyOf(accessKeys);
    regions = Set.copyOf(regions);
  }

  /** Loopback, a free port, the default key pair, no latency or rate limit, quota 100. */
  public static EmulatorSettings defaults() {
    return new EmulatorSettings(
        "127.0.0.1", 0, Map.of(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET), 0, 0, 100, Clock.systemUTC(), Regions.KNOWN);
  }

  public EmulatorSettings withHost(String newHost) {
    return new EmulatorSettings(newHost, port, accessKeys, latencyMs, qps, certificateQuota, clock, regions);
  }

  public EmulatorSettings withPort(int newPort) {
    return new EmulatorSettings(host, newPort, accessKeys, latencyMs, qps, certificateQuota, clock, regions);
  }

  /** Accepts this key pair too. */
  public EmulatorSettings withAccessKey(String id, String secret) {
    Map<String, String> keys = new java.util.HashMap<>(accessKeys);
    keys.put(id, secret);
    return new EmulatorSettings(host, port, keys, latencyMs, qps, certificateQuota, clock, regions);
  }

  public EmulatorSettings withQps(double newQps) {
    return new EmulatorSettings(host, port, accessKeys, latencyMs, newQps, certificateQuota, clock, regions);
  }

  public EmulatorSettings withLatencyMs(long newLatencyMs) {
    return new EmulatorSettings(host, port, accessKeys, newLatencyMs, qps, certificateQuota, clock, regions);
  }

  public EmulatorSettings withCertificateQuota(int quota) {
    return new EmulatorSettings(host, port, accessKeys, latencyMs, qps, quota, clock, regions);
  }

  public EmulatorSettings withClock(Clock newClock) {
    return new EmulatorSettings(host, port, accessKeys, latencyMs, qps, certificateQuota, newClock, regions);
  }

  /** Serves these regions besides SLB's own (for example made-up ones, to spread a large benchmark). */
  public EmulatorSettings withExtraRegions(Set<String> extra) {
    Set<String> all = new java.util.HashSet<>(regions);
    all.addAll(extra);
    return new EmulatorSettings(host, port, accessKeys, latencyMs, qps, certificateQuota, clock, all);
  }
}
