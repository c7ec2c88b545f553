package dev.slbcert.config;

import dev.slbcert.slb.SlbEndpoints;
import dev.slbcert.slb.SlbRules;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads where SLB and STS are reached: SLBCERT_SLB_ENDPOINT(S), SLBCERT_SLB_ENDPOINT_TEMPLATE, SLBCERT_NETWORK, SLBCERT_STS_REGION. */
final class SlbEndpointSettings {

  private SlbEndpointSettings() {}

  static SlbEndpoints from(Map<String, String> env) throws ConfigException {
    URI fixed = OperatorConfig.endpoint(env.get(OperatorConfig.SLB_ENDPOINT));
    String template = OperatorConfig.trimmed(env.get(OperatorConfig.SLB_ENDPOINT_TEMPLATE));
    if (fixed != null && template != null) {
      throw new ConfigException("set one of " + OperatorConfig.SLB_ENDPOINT + " (every region) and " + OperatorConfig.SLB_ENDPOINT_TEMPLATE
          + " (one per region), not both");
    }
    if (template != null) {
      if (!template.contains(SlbEndpoints.REGION)) {
        throw new ConfigException(OperatorConfig.SLB_ENDPOINT_TEMPLATE + "=" + template + " has no " + SlbEndpoints.REGION
            + "; write it like https://slb-vpc.{region}.aliyuncs.com");
      }
      OperatorConfig.endpoint(OperatorConfig.SLB_ENDPOINT_TEMPLATE, template.replace(SlbEndpoints.REGION, "cn-hangzhou"));
    }
    return new SlbEndpoints(fixed, perRegion(env.get(OperatorConfig.SLB_ENDPOINTS)), template, network(env.get(OperatorConfig.NETWORK)),
        stsRegion(env.get(OperatorConfig.STS_REGION)));
  }

  /** {@code cn-hangzhou=https://...,cn-shanghai=https://...} */
  private static Map<String, URI> perRegion(String value) throws ConfigException {
    Map<String, URI> endpoints = new LinkedHashMap<>();
    if (OperatorConfig.blank(value)) {
      return endpoints;
    }
    for (String entry : value.split(",")) {
      String[] pair = entry.trim().split("=", 2);
      if (pair.length != 2 || !SlbRules.isRegionId(pair[0].trim())) {
        throw new ConfigException(OperatorConfig.SLB_ENDPOINTS + ": '" + entry.trim() + "' is not region=URL, like cn-hangzhou=https://slb.example.internal");
      }
      endpoints.put(pair[0].trim(), OperatorConfig.endpoint(OperatorConfig.SLB_ENDPOINTS, pair[1].trim()));
    }
    return endpoints;
  }

  private static SlbEndpoints.Network network(String value) throws ConfigException {
    if (OperatorConfig.blank(value)) {
      return SlbEndpoints.Network.PUBLIC;
    }
    return switch (value.trim().toLowerCase()) {
      case "public" -> SlbEndpoints.Network.PUBLIC;
      case "vpc" -> SlbEndpoints.Network.VPC;
      default -> throw new ConfigException(OperatorConfig.NETWORK + "=" + value + " must be public or vpc");
    };
  }

  private static String stsRegion(String value) throws ConfigException {
    String region = OperatorConfig.trimmed(value);
    if (region != null && !SlbRules.isRegionId(region)) {
      throw new ConfigException(OperatorConfig.STS_REGION + "=" + value + " is not a region id such as cn-hangzhou");
    }
    return region;
  }
}
