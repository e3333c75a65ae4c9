package io.relayagent.protocol.control;

import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.json.Fields;

/**
 * What {@code event-send} asks the agent to queue: an event from a product on the endpoint. Either
 * {@code data}, the event's JSON value as text (stored and sent byte for byte), or {@code file}, a
 * sample file the agent reads when it queues the event (a {@link EventType#SAMPLE sample} event,
 * whose data the agent makes). Sizes are checked by the agent, against the event queue's limits.
 *
 * @param data the event's data, one JSON value as text; {@code null} for a sample
 * @param file the sample's absolute path; {@code null} for any other event
 */
public record ControlEvent(EventType type, EventPriority priority, String data, String file) {

  /** The longest path of a sample file. */
  public static final int MAX_PATH = 4096;

  public ControlEvent {
    type = Fields.oneOf("type", type, EventType.class);
    priority = Fields.oneOf("priority", priority, EventPriority.class);
    file = Fields.optionalText("file", file, MAX_PATH);
    if (type == EventType.SAMPLE && file == null) {
      throw Fields.problem("file", "is required for a sample event");
    }
    if (type != EventType.SAMPLE && file != null) {
      throw Fields.problem("file", "goes only with a sample event, not a " + type.wireName());
    }
    if (file != null && data != null) {
      throw Fields.problem("data", "goes with no sample: the agent makes a sample's data");
    }
    if (file == null) {
      Fields.required("data", data, "the event's JSON value as text");
    }
  }
}
