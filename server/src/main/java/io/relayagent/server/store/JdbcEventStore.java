package io.relayagent.server.store;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.events.EventKey;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.events.StoredEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventStore} in the {@code events} table, whose unique (agent, id) constraint stores each
 * event once however many server instances receive its batch: an insert of a stored event does
 * nothing ({@code ON CONFLICT DO NOTHING}), and a batch is one transaction.
 */
final class JdbcEventStore implements EventStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcEventStore.class);

  /** Five parameters a row: 500 a statement, well within SQLite's and PostgreSQL's limits. */
  private static final int ROWS_PER_STATEMENT = 100;

  private final Database database;

  JdbcEventStore(Database database) {
    this.database = database;
  }

  @Override
  public Appended append(List<StoredEvent> events) throws IOException {
    List<String> acknowledged = new ArrayList<>(events.size());
    Map<EventKey, StoredEvent> distinct = new LinkedHashMap<>();
    for (StoredEvent event : events) {
      EventKey key = EventKey.of(event);
      acknowledged.add(key.id());
      distinct.putIfAbsent(key, event);
    }
    int stored =
        distinct.isEmpty()
            ? 0
            : database.transaction(connection -> insert(connection, distinct.values()));
    return new Appended(acknowledged, stored, events.size() - stored);
  }

  /**
   * Inserts the events not stored yet; how many were new. Up to {@value #ROWS_PER_STATEMENT} rows
   * go in one multi-row statement, whose update count is the rows it inserted: one round trip per
   * hundred events instead of one per event (batched single-row statements would cost a round trip
   * each on PostgreSQL, and its driver's rewriting of them loses the counts).
   */
  static int insert(Connection connection, Collection<StoredEvent> events) throws SQLException {
    List<StoredEvent> all = List.copyOf(events);
    int stored = 0;
    for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
      List<StoredEvent> rows = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
      try (PreparedStatement statement = connection.prepareStatement(insertSql(rows.size()))) {
        int column = 1;
        for (StoredEvent event : rows) {
          statement.setString(column++, event.agentId());
          statement.setString(column++, event.id());
          statement.setString(column++, event.batchId());
          statement.setString(column++, event.received() == null ? "" : event.received());
          statement.setString(column++, ProtocolJson.writeString(event));
        }
        stored += statement.executeUpdate();
      }
    }
    return stored;
  }

  private static String insertSql(int rows) {
    return "INSERT INTO events (agent_id, event_id, batch_id, received, event) VALUES "
        + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?, ?)"))
        + " ON CONFLICT (agent_id, event_id) DO NOTHING";
  }

  @Override
  public boolean contains(String agentId, String id) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT 1 FROM events WHERE agent_id = ? AND event_id = ?")) {
            statement.setString(1, agentId);
            statement.setString(2, id);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  @Override
  public long size() throws IOException {
    return count("SELECT count(*) FROM events", null);
  }

  @Override
  public long countFor(String agentId) throws IOException {
    return count("SELECT count(*) FROM events WHERE agent_id = ?", agentId);
  }

  @Override
  public Map<String, Long> countsByAgent() throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT agent_id, count(*) FROM events GROUP BY agent_id");
              ResultSet rows = statement.executeQuery()) {
            Map<String, Long> counts = new HashMap<>();
            while (rows.next()) {
              counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
          }
        });
  }

  private long count(String sql, String agentId) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (agentId != null) {
              statement.setString(1, agentId);
            }
            try (ResultSet rows = statement.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  @Override
  public List<StoredEvent> recent(String agentId, int limit) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT event FROM events WHERE agent_id = ? ORDER BY seq DESC LIMIT ?")) {
            statement.setString(1, agentId);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
              List<StoredEvent> events = new ArrayList<>();
              while (rows.next()) {
                events.add(event(rows.getString(1)));
              }
              return events;
            }
          }
        });
  }

  @Override
  public List<Long> damagedRecords() throws IOException {
    return LegacyImport.damagedRecords(database);
  }

  static StoredEvent event(String json) {
    try {
      return ProtocolJson.read(json, json.length(), StoredEvent.class);
    } catch (MalformedJsonException e) {
      // Written by the server itself: unreadable means damage, reported rather than hidden.
      log.warn("a stored event cannot be read back: {}", e.getMessage());
      throw new IllegalStateException("a stored event cannot be read back: " + e.getMessage(), e);
    }
  }
}
