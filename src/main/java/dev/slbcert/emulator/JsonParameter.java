package dev.slbcert.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON parameter of an SLB action (BackendServers, Tags), read as SLB reads it: an array of
 * objects whose field names count without regard to case ({@code serverId} as {@code ServerId}:
 * ACK's cloud controller manager sends lower-camel keys), numbers given as numbers or as strings.
 */
final class JsonParameter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonParameter() {}

  /** The array's objects; empty when the parameter is absent or blank. */
  static List<JsonNode> objects(String json, String parameter, String shape) throws ApiError {
    List<JsonNode> objects = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return objects;
    }
    JsonNode array;
    try {
      array = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw ApiError.invalid(parameter, "is not a JSON array of " + shape);
    }
    if (!array.isArray()) {
      throw ApiError.invalid(parameter, "is not a JSON array of " + shape);
    }
    for (JsonNode element : array) {
      if (!element.isObject()) {
        throw ApiError.invalid(parameter, "is not a JSON array of " + shape);
      }
      objects.add(element);
    }
    return objects;
  }

  /** The object's field of this name in any case, or a missing node. */
  static JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return MissingNode.getInstance();
  }
}
