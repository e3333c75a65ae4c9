package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;

/**
 * The one-byte codes a queue segment stores for an event's type and priority. They are fixed, not
 * ordinals, so that reordering or adding constants never changes what an existing queue means.
 */
final class EventCodes {
  private EventCodes() {}

  static int of(EventType type) {
    return switch (type) {
      case DETECTION -> 1;
      case STATUS -> 2;
      case SAMPLE -> 3;
    };
  }

  static int of(EventPriority priority) {
    return switch (priority) {
      case HIGH -> 1;
      case NORMAL -> 2;
      case LOW -> 3;
    };
  }

  static EventType type(int code) {
    for (EventType type : EventType.values()) {
      if (of(type) == code) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type code " + code);
  }

  static EventPriority priority(int code) {
    for (EventPriority priority : EventPriority.values()) {
      if (of(priority) == code) {
        return priority;
      }
    }
    throw new IllegalArgumentException("unknown event priority code " + code);
  }
}
