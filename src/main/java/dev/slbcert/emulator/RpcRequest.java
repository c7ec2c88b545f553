package dev.slbcert.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One RPC call: the HTTP method and every parameter, decoded, from the query string and a form
 * body merged together.
 */
record RpcRequest(String method, Map<String, String> parameters) {

  RpcRequest {
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
  }

  static RpcRequest parse(String method, String rawQuery, String formBody) {
    Map<String, String> parameters = new TreeMap<>();
    addPairs(rawQuery, parameters);
    addPairs(formBody, parameters);
    return new RpcRequest(method, parameters);
  }

  private static void addPairs(String encoded, Map<String, String> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(decode(key), decode(value));
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  String action() {
    return parameters.getOrDefault("Action", "");
  }

  String regionId() throws ApiError {
    return required("RegionId");
  }

  String optional(String name) {
    String value = parameters.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  String required(String name) throws ApiError {
    String value = optional(name);
    if (value == null) {
      throw ApiError.missing(name);
    }
    return value;
  }

  int requiredInt(String name) throws ApiError {
    return parseInt(name, required(name));
  }

  int optionalInt(String name, int fallback) throws ApiError {
    String value = optional(name);
    return value == null ? fallback : parseInt(name, value);
  }

  private static int parseInt(String name, String value) throws ApiError {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiError.invalid(name, "expected an integer");
    }
  }

  /** Values of {@code Prefix.1}, {@code Prefix.2}, ... in index order. */
  List<String> indexed(String prefix) {
    Map<Integer, String> byIndex = new TreeMap<>();
    parameters.forEach(
        (key, value) -> {
          if (key.startsWith(prefix + ".")) {
            String rest = key.substring(prefix.length() + 1);
            if (rest.chars().allMatch(Character::isDigit) && !rest.isEmpty()) {
              byIndex.put(Integer.parseInt(rest), value);
            }
          }
        });
    return new ArrayList<>(byIndex.values());
  }

  /** {@code Tag.N.Key} / {@code Tag.N.Value} pairs in index order; a missing value is "". */
  Map<String, String> tags() throws ApiError {
    Map<Integer, String[]> byIndex = new TreeMap<>();
    for (var entry : parameters.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith("Tag.")) {
        continue;
      }
      String[] parts = key.split("\\.");
      if (parts.length != 3 || !parts[1].chars().allMatch(Character::isDigit) || parts[1].isEmpty()) {
        continue;
      }
      String[] pair = byIndex.computeIfAbsent(Integer.parseInt(parts[1]), i -> new String[2]);
      if ("Key".equals(parts[2])) {
        pair[0] = entry.getValue();
      } else if ("Value".equals(parts[2])) {
        pair[1] = entry.getValue();
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (var entry : byIndex.entrySet()) {
      String[] pair = entry.getValue();
      if (pair[0] == null || pair[0].isEmpty()) {
        throw ApiError.missing("Tag." + entry.getKey() + ".Key");
      }
      tags.put(pair[0], pair[1] == null ? "" : pair[1]);
    }
    return tags;
  }
}
