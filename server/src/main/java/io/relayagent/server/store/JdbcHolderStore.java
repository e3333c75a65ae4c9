package io.relayagent.server.store;

import io.relayagent.server.wakeup.HolderStore;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@link HolderStore} in the {@code server_instances} and {@code wakeup_polls} tables. */
final class JdbcHolderStore implements HolderStore {
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
  public Map<String, String> holders(Instant alive) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT p.agent_id, p.instance_id FROM wakeup_polls p JOIN server_instances i"
                      + " ON i.instance_id = p.instance_id WHERE i.heartbeat >= ?")) {
            statement.setLong(1, alive.toEpochMilli());
            try (ResultSet rows = statement.executeQuery()) {
              Map<String, String> holders = new HashMap<>();
              while (rows.next()) {
                holders.put(rows.getString(1), rows.getString(2));
              }
              return holders;
            }
          }
        });
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
