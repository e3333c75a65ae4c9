package io.relayagent.protocol.json;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** Where a parser is, as people write it: {@code events[3].priority}; empty at the top. */
final class JsonPaths {
  private JsonPaths() {}

  static String of(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        parts.push("[" + Math.max(0, at.getCurrentIndex()) + "]");
      } else if (at.getCurrentName() != null) {
        parts.push("." + at.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  /** {@code path: what}, or {@code what} alone at the top. */
  static String member(String path, String what) {
    return path.isEmpty() ? what : path + ": " + what;
  }

  /**
   * {@code path.member: what} for a member's message ({@code member: what}) of the object at path.
   */
  static String within(String path, String memberMessage) {
    return path.isEmpty() ? memberMessage : path + "." + memberMessage;
  }
}
