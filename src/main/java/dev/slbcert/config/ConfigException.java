package dev.slbcert.config;

/** A setting that is missing or malformed; the message names the setting and what to do. */
public class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
