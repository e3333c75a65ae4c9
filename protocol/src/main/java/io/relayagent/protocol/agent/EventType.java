package io.relayagent.protocol.agent;

import io.relayagent.protocol.json.WireName;

/** What an event reports: its {@code type} in an event batch. */
public enum EventType implements WireName {
  DETECTION("detection"),
  STATUS("status"),
  SAMPLE("sample");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
