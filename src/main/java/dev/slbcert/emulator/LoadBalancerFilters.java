package dev.slbcert.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** DescribeLoadBalancers' Tags filter: a JSON array of {TagKey, TagValue}; a load balancer matches when it carries every one. */
final class LoadBalancerFilters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadBalancerFilters() {}

  static Map<String, String> tags(String json) throws ApiError {
    Map<String, String> tags = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return tags;
    }
    JsonNode array;
    try {
      array = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw ApiError.invalid("Tags", "is not a JSON array of {TagKey, TagValue}");
    }
    if (!array.isArray()) {
      throw ApiError.invalid("Tags", "is not a JSON array of {TagKey, TagValue}");
    }
    for (JsonNode tag : array) {
      String key = tag.path("TagKey").asText("");
      if (key.isEmpty()) {
        throw ApiError.invalid("Tags", "every tag needs a TagKey");
      }
      tags.put(key, tag.path("TagValue").asText(""));
    }
    return tags;
  }

  static boolean hasTags(EmulatorState.LoadBalancer lb, Map<String, String> tags) {
    return tags.entrySet().stream().allMatch(t -> t.getValue().equals(lb.tags.get(t.getKey())));
  }
}
