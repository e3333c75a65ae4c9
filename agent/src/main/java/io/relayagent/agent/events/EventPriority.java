package io.relayagent.agent.events;

/**
 * How much an event matters. Batches carry higher priorities first; a full queue drops lower
 * priorities first. The constants are declared in sending order.
 */
public enum EventPriority {
  HIGH("high", 1),
  NORMAL("normal", 2),
  LOW("low", 3);

  private final String wireName;
  // Stored on disk: fixed, so that reordering the constants cannot change an existing queue.
  private final int code;

  EventPriority(String wireName, int code) {
    this.wireName = wireName;
    this.code = code;
  }

  public String wireName() {
    return wireName;
  }

  /** True if this priority is {@code other} or a lower one, so its events may give way to it. */
  boolean yieldsTo(EventPriority other) {
    return compareTo(other) >= 0;
  }

  int code() {
    return code;
  }

  static EventPriority ofCode(int code) {
    for (EventPriority priority : values()) {
      if (priority.code == code) {
        return priority;
      }
    }
    throw new IllegalArgumentException("unknown event priority code " + code);
  }
}
