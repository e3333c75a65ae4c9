package io.relayagent.server.store;

import io.relayagent.server.wakeup.HolderStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link HolderStore} in the {@code server_instances} and {@code wakeup_polls} tables. */
final class JdbcHolderStore implements HolderStore {
  private static final int IDS_PER_QUERY = 500;

  private final Database database;

  JdbcHolderStore(Database database) {
    this.database = database;
  }

  @Override
  public void heartbeat(String instance, Instant now) throws IOException {
    database.autocommit(
        connection ->
            Statements.update(
                connection,
                "INSERT INTO server_instances (instance_id, heartbeat) VALUES (?, ?)"
                    + " ON CONFLICT (instance_id) DO UPDATE SET heartbeat = excluded.heartbeat",
                instance,
                now.toEpochMilli()));
  }

  @Override
  public void holds(String instance, Collection<String> agentIds, Instant now) throws IOException {
    if (agentIds.isEmpty()) {
      return;
    }
    database.transaction(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO wakeup_polls (agent_id, instance_id, polled) VALUES (?, ?, ?)"
                      + " ON CONFLICT (agent_id) DO UPDATE SET instance_id = excluded.instance_id,"
                      + " polled = excluded.polled")) {
            for (String agentId : agentIds) {
              statement.setString(1, agentId);
              statement.setString(2, instance);
              statement.setLong(3, now.toEpochMilli());
              statement.addBatch();
            }
            statement.executeBatch();
          }
          return null;
        });
  }

  @Override
  public Map<String, String> holders(Collection<String> agentIds, Instant alive)
      throws IOException {
    List<String> all = List.copyOf(agentIds);
    Map<String, String> holders = new HashMap<>();
    // In parts: a wake-up of 10,000 agents reads their rows, never every instance's every row.
    for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
      List<String> part = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
      database.autocommit(connection -> read(connection, part, alive, holders));
    }
    return holders;
  }

  private static Void read(
      Connection connection, List<String> agentIds, Instant alive, Map<String, String> holders)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(agentIds.size(), "?"));
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT p.agent_id, p.instance_id FROM wakeup_polls p JOIN server_instances i"
                + " ON i.instance_id = p.instance_id WHERE i.heartbeat >= ? AND p.agent_id IN ("
                + marks
                + ")")) {
      statement.setLong(1, alive.toEpochMilli());
      for (int i = 0; i < agentIds.size(); i++) {
        statement.setString(i + 2, agentIds.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          holders.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return null;
  }

  @Override
  public void leave(String instance) throws IOException {
    database.transaction(
        connection -> {
          Statements.update(connection, "DELETE FROM wakeup_polls WHERE instance_id = ?", instance);
          Statements.update(
              connection, "DELETE FROM server_instances WHERE instance_id = ?", instance);
          return null;
        });
  }

  @Override
  public void forgetSilent(Instant before) throws IOException {
    database.transaction(
        connection -> {
          Statements.update(
              connection,
              "DELETE FROM server_instances WHERE heartbeat < ?",
              before.toEpochMilli());
          Statements.update(
              connection,
              "DELETE FROM wakeup_polls WHERE instance_id NOT IN"
                  + " (SELECT instance_id FROM server_instances)");
          return null;
        });
  }
}
