package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.json.RawJson;
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

  /** The body of {@code POST /agent/v1/events} for this batch, sent by {@code agentId}. */
  public EventBatch toMessage(String agentId) {
    return new EventBatch(
        batchId,
        agentId,
        events.stream()
            .map(
                event ->
                    new EventBatch.Event(
                        event.id(),
                        event.type(),
                        event.priority(),
                        event.time().toString(),
                        new RawJson(event.data())))
            .toList());
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
