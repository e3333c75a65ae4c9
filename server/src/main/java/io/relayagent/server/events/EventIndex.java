package io.relayagent.server.events;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which events the log holds, in memory: rebuilt from the log at every start, so it can never
 * disagree with it after a crash. Not thread-safe: {@link EventStore} guards it.
 */
final class EventIndex {
  private final Set<EventKey> stored = new HashSet<>();
  private final Map<String, Long> perAgent = new HashMap<>();

  boolean contains(EventKey key) {
    return stored.contains(key);
  }

  /** Records {@code key}; whether it was new. */
  boolean add(EventKey key) {
    if (!stored.add(key)) {
      return false;
    }
    perAgent.merge(key.agentId(), 1L, Long::sum);
    return true;
  }

  long size() {
    return stored.size();
  }

  long countFor(String agentId) {
    return perAgent.getOrDefault(agentId, 0L);
  }
}
