package io.relayagent.server.store;

import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.agent.RelayStatisticsStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RelayStatisticsStore} in the {@code relay_statistics} table. */
final class JdbcRelayStatisticsStore implements RelayStatisticsStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcRelayStatisticsStore.class);

  private final Database database;

  JdbcRelayStatisticsStore(Database database) {
    this.database = database;
  }

  @Override
  public void save(RelayStatisticsEntry entry) throws IOException {
    database.autocommit(connection -> upsert(connection, entry));
  }

  static int upsert(Connection connection, RelayStatisticsEntry entry) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO relay_statistics (relay_id, reported, statistics) VALUES (?, ?, ?)"
                + " ON CONFLICT (relay_id) DO UPDATE SET reported = excluded.reported,"
                + " statistics = excluded.statistics")) {
      statement.setString(1, entry.relayId());
      statement.setString(2, entry.reported());
      statement.setString(3, ProtocolJson.writeString(entry.statistics()));
      return statement.executeUpdate();
    }
  }

  @Override
  public void remove(String relayId) throws IOException {
    database.autocommit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement("DELETE FROM relay_statistics WHERE relay_id = ?")) {
            statement.setString(1, relayId);
            return statement.executeUpdate();
          }
        });
  }

  @Override
  public List<RelayStatisticsEntry> all() throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT relay_id, reported, statistics FROM relay_statistics"
                          + " ORDER BY relay_id");
              ResultSet rows = statement.executeQuery()) {
            List<RelayStatisticsEntry> entries = new ArrayList<>();
            while (rows.next()) {
              String json = rows.getString(3);
              try {
                entries.add(
                    new RelayStatisticsEntry(
                        rows.getString(1),
                        rows.getString(2),
                        ProtocolJson.read(json, json.length(), RelayStatistics.class)));
              } catch (MalformedJsonException | IllegalArgumentException e) {
                log.warn(
                    "relay {}: stored statistics unreadable, left out: {}",
                    rows.getString(1),
                    e.getMessage());
              }
            }
            return entries;
          }
        });
  }
}
