package io.relayagent.json;

import java.io.Serial;

/** JSON that is malformed or exceeds a bound; the message says what and where. */
public final class JsonException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message);
  }
}
