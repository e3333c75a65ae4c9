package io.relayagent.server.events;

import java.util.Map;

/** An event's identity: the agent that sent it and its id. */
record EventKey(String agentId, String id) {

  /**
   * The key of an event as stored.
   *
   * @throws IllegalArgumentException if it lacks the string members {@code agentId} and {@code id}
   */
  static EventKey of(Map<String, Object> event) {
    if (!(event.get("agentId") instanceof String agentId)
        || !(event.get("id") instanceof String id)) {
      throw new IllegalArgumentException("an event needs the string members agentId and id");
    }
    return new EventKey(agentId, id);
  }
}
