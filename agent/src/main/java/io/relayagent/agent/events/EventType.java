package io.relayagent.agent.events;

/** What an event reports; the wire name is the {@code type} the server receives. */
public enum EventType {
  DETECTION("detection", 1),
  STATUS("status", 2),
  SAMPLE("sample", 3);

  private final String wireName;
  // Fixed codes rather than ordinals: the code is stored on disk, so reordering the constants
  // must not change what an existing queue means.
  private final int code;

  EventType(String wireName, int code) {
    this.wireName = wireName;
    this.code = code;
  }

  public String wireName() {
    return wireName;
  }

  int code() {
    return code;
  }

  static EventType ofCode(int code) {
    for (EventType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type code " + code);
  }
}
