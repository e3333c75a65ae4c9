package io.relayagent.protocol.agent;

import io.relayagent.protocol.json.WireName;

/**
 * How much an event matters: its {@code priority} in an event batch. The constants are declared in
 * sending order, highest first.
 */
public enum EventPriority implements WireName {
  HIGH("high"),
  NORMAL("normal"),
  LOW("low");

  private final String wireName;

  EventPriority(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
