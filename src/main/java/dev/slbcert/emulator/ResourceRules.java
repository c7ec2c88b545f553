package dev.slbcert.emulator;

import java.util.Map;

/**
 * The emulator's own reading of SLB's rules for certificate names and tags, written from SLB's
 * documentation apart from the client's checks (it shares no code with them), so that one
 * misreading of SLB cannot hide on both sides of the wire. Each check throws the error SLB answers.
 */
final class ResourceRules {
  static final int TAGS_PER_RESOURCE = 20;
  private static final int NAME_MAX = 80;
  private static final int KEY_MAX = 64;
  private static final int VALUE_MAX = 128;

  private ResourceRules() {}

  /** 1-80 characters, a letter first, then letters, digits, '.', '_' or '-'. */
  static void checkName(String name) throws ApiError {
    boolean valid = !name.isEmpty() && name.length() <= NAME_MAX && Character.isLetter(name.charAt(0)) && name.charAt(0) < 128
        && name.chars().allMatch(ch -> (ch < 128 && Character.isLetterOrDigit(ch)) || ch == '.' || ch == '_' || ch == '-');
    if (!valid) {
      throw ApiError.invalid("ServerCertificateName", "The name must be 1 to 80 characters, start with a letter, and contain only letters, digits, '.', '_' and '-'.");
    }
  }

  /** Keys of 1-64 characters, values of at most 128; neither starting with aliyun or acs:, nor holding http:// or https://. */
  static void checkTag(String key, String value) throws ApiError {
    if (key == null || key.isEmpty() || key.length() > KEY_MAX) {
      throw ApiError.invalid("Tag.N.Key", "The tag key must be 1 to " + KEY_MAX + " characters long.");
    }
    String v = value == null ? "" : value;
    if (v.length() > VALUE_MAX) {
      throw ApiError.invalid("Tag.N.Value", "The tag value must be at most " + VALUE_MAX + " characters long.");
    }
    for (String text : new String[] {key, v}) {
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("aliyun") || lower.startsWith("acs:") || lower.contains("http://") || lower.contains("https://")) {
        throw ApiError.invalid("Tag.N.Key", "Tag keys and values cannot start with aliyun or acs:, or contain http:// or https://.");
      }
    }
  }

  /** The tags a request brings: at most {@value #TAGS_PER_RESOURCE}, each valid. */
  static void checkTags(Map<String, String> tags) throws ApiError {
    if (tags.size() > TAGS_PER_RESOURCE) {
      throw new ApiError(400, "TagCountLimit", "A resource can have at most " + TAGS_PER_RESOURCE + " tags.");
    }
    for (var tag : tags.entrySet()) {
      checkTag(tag.getKey(), tag.getValue());
    }
  }
}
