package io.relayagent.protocol.wakeup;

import io.relayagent.protocol.json.WireName;

/** What the server did with one agent's wake-up. */
public enum WakeupOutcome implements WireName {
  /** Written on the agent's open wake-up connection. */
  DELIVERED("delivered"),
  /**
   * The agent is between two polls of its open connection: the wake-up waits for the next one, a
   * few seconds at most.
   */
  QUEUED("queued"),
  /** The server knows the agent but holds no connection from it: it wakes at its next ASCI. */
  UNREACHABLE("unreachable"),
  /** The server has never heard from an agent of that id. */
  UNKNOWN("unknown");

  private final String wireName;

  WakeupOutcome(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** Whether the agent should run an ASCI within seconds. */
  public boolean reached() {
    return this == DELIVERED || this == QUEUED;
  }
}
