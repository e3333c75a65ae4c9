package io.relayagent.tests.cli;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.util.List;
import java.util.Map;

/** Reads what the shipped CLI and the server print as JSON into the views tests assert on. */
final class CliJson {
  private static final int MAX_CHARS = 1 << 20;

  private CliJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    try {
      if (ProtocolJson.readValue(json, MAX_CHARS) instanceof Map<?, ?> object) {
        return (Map<String, Object>) object;
      }
      throw new IllegalStateException("not a JSON object: " + json);
    } catch (MalformedJsonException e) {
      throw new IllegalStateException(
          "not the JSON object expected: " + e.getMessage() + ": " + json, e);
    }
  }

  /** A JSON array of objects, such as {@code cert show --json} prints. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> array(String json) {
    try {
      if (ProtocolJson.readValue(json, MAX_CHARS) instanceof List<?> array) {
        return (List<Map<String, Object>>) array;
      }
      throw new IllegalStateException("not a JSON array: " + json);
    } catch (MalformedJsonException e) {
      throw new IllegalStateException(
          "not the JSON array expected: " + e.getMessage() + ": " + json, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  static List<Number> numbers(Map<String, Object> parent, String key) {
    return (List<Number>) parent.get(key);
  }

  static String string(Map<String, Object> json, String key) {
    return (String) json.get(key);
  }

  static int integer(Map<String, Object> json, String key) {
    return ((Number) json.get(key)).intValue();
  }

  static long longInteger(Map<String, Object> json, String key) {
    return ((Number) json.get(key)).longValue();
  }

  static boolean bool(Map<String, Object> json, String key) {
    return (Boolean) json.get(key);
  }

  /** A boolean that may be {@code null}. */
  static Boolean optionalBool(Map<String, Object> json, String key) {
    return (Boolean) json.get(key);
  }
}
