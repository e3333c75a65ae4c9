package io.relayagent.protocol.json;

/**
 * One JSON value carried as its text, unchanged, inside a message: an event's data, which the agent
 * sends as its caller gave it and the server stores as it came. It is checked to be exactly one
 * well-formed JSON value when made, so it can be written into a message as it is.
 *
 * @param json compact or not, exactly one value
 */
public record RawJson(String json) {

  /** The longest text a value may have: the largest body anything takes. */
  public static final int MAX_CHARS = ProtocolJson.MAX_DOCUMENT_BYTES;

  public RawJson {
    if (json == null) {
      throw new IllegalArgumentException("a JSON value is required");
    }
    try {
      ProtocolJson.checkValue(json, MAX_CHARS);
    } catch (MalformedJsonException e) {
      throw new IllegalArgumentException("not one JSON value: " + e.getMessage(), e);
    }
  }

  /** Whether the value is an object ({@code {...}}). */
  public boolean isObject() {
    return json.stripLeading().startsWith("{");
  }

  /** Whether the value is a string ({@code "..."}). */
  public boolean isString() {
    return json.stripLeading().startsWith("\"");
  }

  @Override
  public String toString() {
    return json;
  }
}
