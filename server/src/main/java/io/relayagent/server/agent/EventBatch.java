package io.relayagent.server.agent;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch of events from one agent ({@code POST /agent/v1/events}), checked whole before anything
 * is stored: one bad event refuses the batch.
 */
record EventBatch(String batchId, String agentId, List<Map<String, Object>> events) {
  private static final Set<String> TYPES = Set.of("detection", "status", "sample");
  private static final Set<String> PRIORITIES = Set.of("high", "normal", "low");

  /**
   * Reads a batch, each event as it will be stored: its own members, then who sent it, in which
   * batch, and when the server received it.
   */
  static EventBatch parse(Map<String, Object> json, int maxEvents, Instant received)
      throws HttpProblem {
    JsonFields fields = JsonFields.of(json);
    String batchId = fields.uuid("batchId");
    String agentId = fields.string("agentId", StatusReport.MAX_TEXT);
    List<Object> items = fields.list("events");
    if (items.size() > maxEvents) {
      throw new HttpProblem(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "the batch has " + items.size() + " events; at most " + maxEvents + " are taken");
    }
    List<Map<String, Object>> events = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonFields event = fields.element("events", items, i);
      Map<String, Object> stored = EventStore.event(agentId, event.uuid("id"));
      stored.put("type", event.oneOf("type", TYPES));
      stored.put("priority", event.oneOf("priority", PRIORITIES));
      stored.put("time", event.time("time"));
      Object data = event.raw("data");
      if (!(data instanceof Map) && !(data instanceof String)) {
        throw event.problem("data", "is required (an object or a string)");
      }
      stored.put("data", data);
      stored.put("batchId", batchId);
      stored.put("received", received.toString());
      events.add(stored);
    }
    return new EventBatch(batchId, agentId, events);
  }
}
