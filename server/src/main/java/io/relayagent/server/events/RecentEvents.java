package io.relayagent.server.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few events of each agent, newest first, in memory: rebuilt from the log at every start
 * like {@link EventIndex}, so the console can show an agent's recent events without reading the
 * log. Bounded per agent ({@link #PER_AGENT}) and each event's data cut short ({@link
 * RecentEvent}), so 10,000 agents cost a few tens of megabytes at most. Not thread-safe: {@link
 * EventStore} guards it.
 */
final class RecentEvents {
  /** How many of each agent's events are kept. */
  static final int PER_AGENT = 10;

  private final Map<String, Deque<RecentEvent>> byAgent = new HashMap<>();

  void add(StoredEvent event) {
    if (event.agentId() == null) {
      return;
    }
    Deque<RecentEvent> recent = byAgent.computeIfAbsent(event.agentId(), a -> new ArrayDeque<>());
    recent.addFirst(RecentEvent.of(event));
    while (recent.size() > PER_AGENT) {
      recent.removeLast();
    }
  }

  /** {@code agentId}'s last events as they were stored, newest first. */
  List<RecentEvent> of(String agentId) {
    Deque<RecentEvent> recent = byAgent.get(agentId);
    return recent == null ? List.of() : new ArrayList<>(recent);
  }
}
