package io.relayagent.protocol.agent;

import io.relayagent.protocol.json.Fields;
import io.relayagent.protocol.json.RawJson;
import java.util.List;

/**
 * The body of {@code POST /agent/v1/events}: events from one agent's queue, each stored once by the
 * server (docs/server-protocol.md). The batch is checked whole: one bad event refuses it.
 *
 * <pre>{@code
 * {"batchId":"…","agentId":"laptop-042","events":[{"id":"…","type":"detection",
 *  "priority":"high","time":"2026-03-02T09:58:12Z","data":{"threat":"EICAR"}}]}
 * }</pre>
 *
 * @param batchId a UUID, lower-cased
 * @param events in sending order
 */
public record EventBatch(String batchId, String agentId, List<Event> events) {

  public EventBatch {
    batchId = Fields.uuid("batchId", batchId);
    agentId = Fields.text("agentId", agentId, Fields.MAX_TEXT);
    events = Fields.list("events", events);
  }

  /**
   * One event.
   *
   * @param id a UUID, lower-cased; the server stores each id of an agent once
   * @param time when it happened, ISO-8601 with an offset, kept as sent
   * @param data the event itself: one JSON value, carried and stored unchanged
   */
  public record Event(
      String id, EventType type, EventPriority priority, String time, RawJson data) {

    public Event {
      id = Fields.uuid("id", id);
      type = Fields.oneOf("type", type, EventType.class);
      priority = Fields.oneOf("priority", priority, EventPriority.class);
      time = Fields.offsetTime("time", time);
      data = Fields.required("data", data, "a JSON value");
    }
  }
}
