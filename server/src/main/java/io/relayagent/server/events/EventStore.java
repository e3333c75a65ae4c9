package io.relayagent.server.events;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Every event the server received, each stored once. An event is known by the agent that sent it
 * and its id, so an agent that resends a batch (it never saw the acknowledgement) stores nothing
 * twice, and no agent can mask another's events by reusing their ids. What {@link #append} stored
 * is durable when it returns, on every server instance sharing the database.
 *
 * <pre>{@code
 * EventStore.Appended result = store.append(List.of(StoredEvent.of(batch, event, clock.instant())));
 * }</pre>
 */
public interface EventStore {
  /** How many of an agent's latest events the console lists. */
  int RECENT_PER_AGENT = 10;

  /**
   * Stores the events not stored before, durably, all or none. Each event has at least an {@code
   * agentId} and an {@code id}.
   *
   * @return the ids of every event given (all are stored now) and how many were stored already
   * @throws IOException if the store cannot be written; then nothing of this call is stored
   */
  Appended append(List<StoredEvent> events) throws IOException;

  /** Whether {@code agentId}'s event {@code id} is stored. */
  boolean contains(String agentId, String id) throws IOException;

  /** How many events are stored. */
  long size() throws IOException;

  /** How many events of {@code agentId} are stored. */
  long countFor(String agentId) throws IOException;

  /** How many events each agent has stored, by agent id (one query for the agents list). */
  Map<String, Long> countsByAgent() throws IOException;

  /** {@code agentId}'s latest events, newest first, at most {@code limit}. */
  List<StoredEvent> recent(String agentId, int limit) throws IOException;

  /**
   * The last {@value #RECENT_PER_AGENT} events stored from {@code agentId}, newest first (in the
   * order they were stored, whatever times the agent gave them), as the console lists them: each
   * event's data cut short ({@link RecentEvent}).
   */
  default List<RecentEvent> recentFor(String agentId) throws IOException {
    return recent(agentId, RECENT_PER_AGENT).stream().map(RecentEvent::of).toList();
  }

  /**
   * The offsets of the records found damaged in the event log of an older server directory when it
   * was imported, and skipped: each may have held an acknowledged event. Empty for a store that
   * never imported one.
   */
  List<Long> damagedRecords() throws IOException;

  /** The outcome of {@link #append}. */
  record Appended(List<String> acknowledged, int stored, int duplicates) {}
}
