package dev.slbcert.slb;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each region's SLB (and, for RRSA, STS) is reached. In order: an endpoint given for the
 * region; one endpoint for every region (an emulator, a proxy); a template with {@code {region}};
 * in a VPC without public egress, SLB's regional VPC endpoint; else the SDK's public endpoint of
 * the region.
 *
 * @param fixed one endpoint for every region, or null
 * @param perRegion endpoints by region id (private endpoints differ per region)
 * @param template an endpoint with {@code {region}} in it, or null
 * @param network public, or vpc for the regional VPC endpoints of SLB and STS
 * @param stsRegion the region whose STS endpoint RRSA uses, or null for the SDK's default
 */
public record SlbEndpoints(URI fixed, Map<String, URI> perRegion, String template, Network network, String stsRegion) {
  /** How the cluster reaches Alibaba Cloud's APIs. */
  public enum Network { PUBLIC, VPC }

  /** SLB's VPC endpoint of a region. */
  public static final String VPC_TEMPLATE = "https://slb-vpc.{region}.aliyuncs.com";
  public static final String REGION = "{region}";

  public SlbEndpoints {
    perRegion = perRegion == null ? Map.of() : Map.copyOf(perRegion);
    network = network == null ? Network.PUBLIC : network;
  }

  /** The SDK's public endpoint of each region. */
  public static SlbEndpoints publicEndpoints() {
    return new SlbEndpoints(null, Map.of(), null, Network.PUBLIC, null);
  }

  /** One endpoint for every region (null: the public ones). */
  public static SlbEndpoints fixed(URI endpoint) {
    return new SlbEndpoints(endpoint, Map.of(), null, Network.PUBLIC, null);
  }

  /** The endpoint of a region, or null for the SDK's public endpoint of that region. */
  public URI endpointFor(String regionId) {
    URI given = perRegion.get(regionId);
    if (given != null) {
      return given;
    }
    if (fixed != null) {
      return fixed;
    }
    String pattern = pattern();
    return pattern == null ? null : URI.create(pattern.replace(REGION, regionId));
  }

  /** The endpoint with {@code {region}} in it that applies when no fixed one is set, or null for the SDK's public ones. */
  private String pattern() {
    return template != null ? template : network == Network.VPC ? VPC_TEMPLATE : null;
  }

  /** For the start-up log. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (!perRegion.isEmpty()) {
      text.append(new TreeMap<>(perRegion)).append(", else ");
    }
    text.append(fixed != null ? fixed : pattern() != null ? pattern() : "each region's public endpoint");
    text.append(" (network ").append(network.name().toLowerCase()).append(stsRegion == null ? "" : ", STS of " + stsRegion).append(')');
    return text.toString();
  }
}
