package dev.slbcert.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** DescribeLoadBalancers' Tags filter: a JSON array of {TagKey, TagValue}; a load balancer matches when it carries every one. */
final class LoadBalancerFilters {
  private LoadBalancerFilters() {}

  static Map<String, String> tags(String json) throws ApiError {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : JsonParameter.objects(json, "Tags", "{TagKey, TagValue}")) {
      String key = JsonParameter.field(tag, "TagKey").asText("");
      if (key.isEmpty()) {
        throw ApiError.invalid("Tags", "every tag needs a TagKey");
      }
      tags.put(key, JsonParameter.field(tag, "TagValue").asText(""));
    }
    return tags;
  }

  static boolean hasTags(EmulatorState.LoadBalancer lb, Map<String, String> tags) {
    return tags.entrySet().stream().allMatch(t -> t.getValue().equals(lb.tags.get(t.getKey())));
  }
}
