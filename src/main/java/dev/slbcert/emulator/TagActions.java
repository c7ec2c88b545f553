package dev.slbcert.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResources, UntagResources and ListTagResources for certificates and load balancers. */
final class TagActions {
  static final int MAX_PER_CALL = 20;
  static final int PAGE_SIZE = 50;

  private final EmulatorState state;

  TagActions(EmulatorState state) {
    this.state = state;
  }

  void register(Map<String, SlbAction> actions) {
    actions.put("TagResources", this::tag);
    actions.put("UntagResources", this::untag);
    actions.put("ListTagResources", this::list);
  }

  private Map<String, Object> tag(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String type = resourceType(r);
    List<String> ids = resourceIds(r, true);
    Map<String, String> tags = r.tags();
    if (tags.isEmpty()) {
      throw ApiError.missing("Tag.1.Key");
    }
    if (tags.size() > MAX_PER_CALL) {
      throw ApiError.invalid("Tag", "at most " + MAX_PER_CALL + " tags per call");
    }
    for (var tag : tags.entrySet()) {
      ResourceRules.checkTag(tag.getKey(), tag.getValue());
    }
    synchronized (state) {
      List<Map<String, String>> targets = new ArrayList<>();
      for (String id : ids) {
        Map<String, String> existing = tagsOf(type, id, regionId);
        Map<String, String> merged = new LinkedHashMap<>(existing);
        merged.putAll(tags);
        if (merged.size() > ResourceRules.TAGS_PER_RESOURCE) {
          throw new ApiError(400, "TagCountLimit", "The resource " + id + " would have more than " + ResourceRules.TAGS_PER_RESOURCE + " tags.");
        }
        targets.add(existing);
      }
      targets.forEach(existing -> existing.putAll(tags));
    }
    return Map.of();
  }

  private Map<String, Object> untag(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String type = resourceType(r);
    List<String> ids = resourceIds(r, true);
    boolean all = "true".equalsIgnoreCase(r.optional("All"));
    List<String> keys = r.indexed("TagKey");
    if (!all && keys.isEmpty()) {
      throw ApiError.missing("TagKey.1");
    }
    synchronized (state) {
      List<Map<String, String>> targets = new ArrayList<>();
      for (String id : ids) {
        targets.add(tagsOf(type, id, regionId));
      }
      for (Map<String, String> tags : targets) {
        if (all) {
          tags.clear();
        } else {
          keys.forEach(tags::remove);
        }
      }
    }
    return Map.of();
  }

  private Map<String, Object> list(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String type = resourceType(r);
    List<String> ids = resourceIds(r, false);
    Map<String, String> filter = r.tags();
    List<Map<String, Object>> rows = new ArrayList<>();
    synchronized (state) {
      Map<String, Map<String, String>> candidates = new LinkedHashMap<>();
      if (ids.isEmpty()) {
        if ("certificate".equals(type)) {
          state.certificates.values().stream().filter(c -> c.regionId.equals(regionId)).forEach(c -> candidates.put(c.id, c.tags));
        } else {
          state.loadBalancers.values().stream().filter(lb -> lb.regionId.equals(regionId)).forEach(lb -> candidates.put(lb.id, lb.tags));
        }
      } else {
        for (String id : ids) {
          candidates.put(id, tagsOf(type, id, regionId));
        }
      }
      for (var candidate : candidates.entrySet()) {
        Map<String, String> tags = candidate.getValue();
        boolean matches = filter.entrySet().stream().allMatch(f -> tags.containsKey(f.getKey()) && (f.getValue().isEmpty() || f.getValue().equals(tags.get(f.getKey()))));
        if (!matches) {
          continue;
        }
        tags.forEach((k, v) -> rows.add(Map.of("ResourceId", candidate.getKey(), "ResourceType", type, "TagKey", k, "TagValue", v)));
      }
    }
    int from = parseToken(r.optional("NextToken"));
    int to = Math.min(rows.size(), from + PAGE_SIZE);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("TagResources", Json.wrap("TagResource", rows.subList(Math.min(from, rows.size()), to)));
    f.put("NextToken", to < rows.size() ? String.valueOf(to) : "");
    return f;
  }

  private Map<String, String> tagsOf(String type, String id, String regionId) throws ApiError {
    if ("certificate".equals(type)) {
      EmulatorState.Certificate c = state.certificates.get(id);
      if (c != null && c.regionId.equals(regionId)) {
        return c.tags;
      }
    } else {
      EmulatorState.LoadBalancer lb = state.loadBalancers.get(id);
      if (lb != null && lb.regionId.equals(regionId)) {
        return lb.tags;
      }
    }
    throw new ApiError(400, "InvalidResourceId.NotFound", "The specified resource " + id + " of type " + type + " does not exist.");
  }

  private static String resourceType(RpcRequest r) throws ApiError {
    String type = r.required("ResourceType");
    if (!"certificate".equals(type) && !"instance".equals(type)) {
      throw ApiError.invalid("ResourceType", "must be certificate or instance");
    }
    return type;
  }

  private static List<String> resourceIds(RpcRequest r, boolean required) throws ApiError {
    List<String> ids = r.indexed("ResourceId");
    if (required && ids.isEmpty()) {
      throw ApiError.missing("ResourceId.1");
    }
    if (ids.size() > MAX_PER_CALL) {
      throw ApiError.invalid("ResourceId", "at most " + MAX_PER_CALL + " resources per call");
    }
    return ids;
  }


  private static int parseToken(String token) throws ApiError {
    if (token == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(token));
    } catch (NumberFormatException e) {
      throw ApiError.invalid("NextToken", "not a token this API returned");
    }
  }
}
