package io.relayagent.agent.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Events sent to the server in one request. A batch keeps its id and its events until the server
 * acknowledges it, across restarts too, so a request repeated after a crash is recognisably the
 * same one.
 *
 * @param batchId a random UUID
 * @param events in sending order
 */
public record Batch(String batchId, List<Event> events) {

  public Batch {
    Objects.requireNonNull(batchId, "batchId");
    events = List.copyOf(events);
  }

  /** The ids of the events, in sending order. */
  public Set<String> eventIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (Event event : events) {
      ids.add(event.id());
    }
    return ids;
  }
}
