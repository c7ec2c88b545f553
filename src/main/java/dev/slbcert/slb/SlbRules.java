package dev.slbcert.slb;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** SLB's documented limits on names and tags, checked before any call. */
public final class SlbRules {
  public static final int MAX_TAGS_PER_RESOURCE = 20;
  public static final int MAX_TAG_KEY_LENGTH = 64;
  public static final int MAX_TAG_VALUE_LENGTH = 128;
  public static final int MAX_NAME_LENGTH = 80;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._\\-]{0," + (MAX_NAME_LENGTH - 1) + "}");

  /** An Alibaba Cloud region id, such as cn-hangzhou (also the CRD's pattern of spec.regionId). */
  public static final String REGION_ID = "[a-z]{2,}(-[a-z0-9]+)+";
  private static final Pattern REGION = Pattern.compile(REGION_ID);

  private SlbRules() {}

  public static boolean isRegionId(String text) {
    return text != null && REGION.matcher(text).matches();
  }

  public static boolean isValidCertificateName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public static String certificateNameRule() {
    return "1 to 80 characters, starting with a letter; letters, digits, '.', '_' and '-' only";
  }

  /** Whether a tag key (or value) is Alibaba Cloud's own: starts with aliyun or acs:, in any case. No one else may set or remove one. */
  public static boolean isSystemTag(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("aliyun") || lower.startsWith("acs:");
  }

  /** Why SLB would refuse this tag, or empty when it is fine. */
  public static Optional<String> tagProblem(String key, String value) {
    if (key == null || key.isEmpty() || key.length() > MAX_TAG_KEY_LENGTH) {
      return Optional.of("tag key '" + key + "' must have 1 to " + MAX_TAG_KEY_LENGTH + " characters");
    }
    String v = value == null ? "" : value;
    if (v.length() > MAX_TAG_VALUE_LENGTH) {
      return Optional.of("the value of tag '" + key + "' has more than " + MAX_TAG_VALUE_LENGTH + " characters");
    }
    for (String text : new String[] {key, v}) {
      String lower = text.toLowerCase();
      if (isSystemTag(text)) {
        return Optional.of("tag '" + key + "': keys and values may not start with 'aliyun' or 'acs:'");
      }
      if (lower.contains("http://") || lower.contains("https://")) {
        return Optional.of("tag '" + key + "': keys and values may not contain 'http://' or 'https://'");
      }
    }
    return Optional.empty();
  }

  /** The first problem of a tag set that SLB would refuse, or empty. */
  public static Optional<String> tagsProblem(Map<String, String> tags, int reserved) {
    if (tags.size() + reserved > MAX_TAGS_PER_RESOURCE) {
      return Optional.of("at most " + (MAX_TAGS_PER_RESOURCE - reserved) + " tags are allowed (SLB keeps " + MAX_TAGS_PER_RESOURCE
          + " per certificate" + (reserved > 0 ? " and the operator uses " + reserved : "") + "); " + tags.size() + " are set");
    }
    for (var tag : tags.entrySet()) {
      Optional<String> problem = tagProblem(tag.getKey(), tag.getValue());
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }
}
