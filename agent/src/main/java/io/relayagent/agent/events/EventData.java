package io.relayagent.agent.events;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks an event's data before it is queued: one well-formed JSON value (read as strictly as every
 * message, {@link ProtocolJson}), encodable as UTF-8, and within the size limit. The text is stored
 * and sent exactly as given, so the server sees the caller's JSON byte for byte; checking at
 * enqueue means a bad value is the caller's error now, not a batch the server refuses later.
 */
final class EventData {

  private EventData() {}

  /** The data as UTF-8. */
  static byte[] check(String json, int maxBytes) {
    // UTF-8 takes at least one byte per UTF-16 char: a longer string is too large whatever it
    // holds, and refusing it first spares parsing it.
    if (json.length() > maxBytes) {
      throw tooLarge(json.length() + " characters", maxBytes);
    }
    try {
      ProtocolJson.checkValue(json, maxBytes);
    } catch (MalformedJsonException e) {
      throw new IllegalArgumentException("event data is not a JSON value: " + e.getMessage(), e);
    }
    byte[] utf8 = utf8(json);
    if (utf8.length > maxBytes) {
      throw tooLarge(utf8.length + " bytes", maxBytes);
    }
    return utf8;
  }

  static EventTooLargeException tooLarge(String size, long maxBytes) {
    return new EventTooLargeException(
        "event data of " + size + " is larger than the " + maxBytes + " bytes an event may carry");
  }

  private static byte[] utf8(String text) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      return Arrays.copyOfRange(bytes.array(), bytes.arrayOffset(), bytes.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("event data holds a lone UTF-16 surrogate", e);
    }
  }
}
