package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import java.time.Instant;
import java.util.Objects;

/**
 * One queued event, as the server receives it.
 *
 * @param id a random UUID assigned when the event was queued; the server stores each id once
 * @param time when the event was queued
 * @param data the event's payload: one well-formed JSON value, exactly as the caller gave it
 */
public record Event(String id, EventType type, EventPriority priority, Instant time, String data) {

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }
}
