package io.relayagent.server.store;

import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.agent.AgentRecord;
import io.relayagent.server.agent.AgentStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AgentStore} in the {@code agents} table: the report as JSON, as it came. */
final class JdbcAgentStore implements AgentStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcAgentStore.class);
  private static final String COLUMNS = "agent_id, last_seen, address, status";

  private final Database database;

  JdbcAgentStore(Database database) {
    this.database = database;
  }

  @Override
  public void save(AgentRecord agent) throws IOException {
    database.autocommit(connection -> upsert(connection, agent));
  }

  /** Inserts or replaces {@code agent}, on {@code connection} (the import's transaction too). */
  static int upsert(Connection connection, AgentRecord agent) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO agents ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET"
                + " last_seen = excluded.last_seen, address = excluded.address,"
                + " status = excluded.status")) {
      statement.setString(1, agent.agentId());
      statement.setString(2, agent.lastSeen().toString());
      statement.setString(3, agent.address());
      statement.setString(
          4, agent.status() == null ? null : ProtocolJson.writeString(agent.status()));
      return statement.executeUpdate();
    }
  }

  @Override
  public List<AgentRecord> all() throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT " + COLUMNS + " FROM agents ORDER BY agent_id");
              ResultSet rows = statement.executeQuery()) {
            List<AgentRecord> agents = new ArrayList<>();
            while (rows.next()) {
              agents.add(agent(rows));
            }
            return agents;
          }
        });
  }

  @Override
  public Optional<AgentRecord> find(String agentId) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM agents WHERE agent_id = ?")) {
            statement.setString(1, agentId);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? Optional.of(agent(rows)) : Optional.empty();
            }
          }
        });
  }

  private static AgentRecord agent(ResultSet rows) throws SQLException {
    String id = rows.getString(1);
    String json = rows.getString(4);
    StatusReport status = null;
    if (json != null) {
      try {
        status = ProtocolJson.read(json, json.length(), StatusReport.class);
      } catch (MalformedJsonException e) {
        // The row was written by the server; a report it cannot read back is listed without it.
        log.warn(
            "agent {}: its stored report cannot be read, listed without it: {}",
            id,
            e.getMessage());
      }
    }
    return new AgentRecord(id, status, Instant.parse(rows.getString(2)), rows.getString(3));
  }
}
