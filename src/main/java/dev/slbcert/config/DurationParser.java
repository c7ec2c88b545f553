package dev.slbcert.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 14d}, or ISO-8601 {@code PT10M}. */
public final class DurationParser {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationParser() {}

  public static Duration parse(String setting, String text) throws ConfigException {
    String value = text.trim();
    Matcher m = SIMPLE.matcher(value);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(value);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new ConfigException(setting + "=" + text + " is not a duration; write it like 30s, 10m, 1h or 14d");
    }
  }
}
