package io.relayagent.server.events;

/** An event's identity: the agent that sent it and its id. */
public record EventKey(String agentId, String id) {

  /**
   * The key of an event as stored.
   *
   * @throws IllegalArgumentException if it lacks the string members {@code agentId} and {@code id}
   */
  public static EventKey of(StoredEvent event) {
    if (event.agentId() == null || event.id() == null) {
      throw new IllegalArgumentException("an event needs the string members agentId and id");
    }
    return new EventKey(event.agentId(), event.id());
  }
}
