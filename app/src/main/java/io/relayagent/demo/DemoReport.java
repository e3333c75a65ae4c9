package io.relayagent.demo;

import java.util.List;

/**
 * What the demo showed, as facts a test can check (not just lines it printed).
 *
 * @param directFailed whether the agent's direct attempt failed before it looked for relays
 * @param offers the relays that answered discovery, in arrival order
 * @param firstRoute the route of the first ASCI ("relay relay-2")
 * @param firstRelay the relay the agent tunnelled through first
 * @param policyApplied whether the agent holds the policy the server assigned it
 * @param eventsStored events the server stored from the agent
 * @param contentInstalled content files the agent installed and verified, by name
 * @param failoverRelay the relay used after the first one was stopped
 * @param failoverOutcome the outcome of the ASCI after the stop ("ok")
 */
public record DemoReport(
    boolean directFailed,
    List<String> offers,
    String firstRoute,
    String firstRelay,
    boolean policyApplied,
    long eventsStored,
    List<String> contentInstalled,
    String failoverRelay,
    String failoverOutcome) {

  public DemoReport {
    offers = List.copyOf(offers);
    contentInstalled = List.copyOf(contentInstalled);
  }

  /** Whether every step of the story happened as the demo describes it. */
  public boolean succeeded() {
    return directFailed
        && firstRelay != null
        && policyApplied
        && eventsStored > 0
        && contentInstalled.size() >= 2
        && failoverRelay != null
        && !failoverRelay.equals(firstRelay)
        && "ok".equals(failoverOutcome);
  }
}
