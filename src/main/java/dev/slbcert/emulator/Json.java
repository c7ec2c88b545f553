package dev.slbcert.emulator;

import java.util.List;
import java.util.Map;

/** The wrapped-list shapes of SLB JSON: {@code "Outer":{"Inner":[...]}}. */
final class Json {
  private Json() {}

  static Map<String, Object> wrap(String inner, List<?> items) {
    return Map.of(inner, items);
  }

  static Map<String, Object> tags(Map<String, String> tags) {
    return wrap(
        "Tag",
        tags.entrySet().stream()
            .map(e -> Map.of("TagKey", e.getKey(), "TagValue", e.getValue()))
            .toList());
  }
}
