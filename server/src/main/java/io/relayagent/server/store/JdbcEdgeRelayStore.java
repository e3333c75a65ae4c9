package io.relayagent.server.store;

import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.edge.EdgeRelayStore;
import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EdgeRelayStore} in the {@code edge_relays} table; each change also counts up the {@code
 * edge_relays} row of {@code versions} in the same transaction, so that every instance rebuilds its
 * policy document when any instance changed the registry.
 */
final class JdbcEdgeRelayStore implements EdgeRelayStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcEdgeRelayStore.class);

  private final Database database;

  JdbcEdgeRelayStore(Database database) {
    this.database = database;
  }

  @Override
  public List<EdgeRelay> all() throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT host, port, registered FROM edge_relays ORDER BY seq");
              ResultSet rows = statement.executeQuery()) {
            List<EdgeRelay> relays = new ArrayList<>();
            while (rows.next()) {
              try {
                relays.add(
                    new EdgeRelay(
                        EdgeRelay.address(rows.getString(1), rows.getInt(2)),
                        Instant.parse(rows.getString(3))));
              } catch (RuntimeException e) {
                log.warn("a stored edge relay is not valid, left out: {}", e.getMessage());
              }
            }
            return relays;
          }
        });
  }

  @Override
  public boolean add(EdgeRelay relay) throws IOException {
    return database.transaction(connection -> insert(connection, relay) > 0);
  }

  static int insert(Connection connection, EdgeRelay relay) throws SQLException {
    int added;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO edge_relays (host, port, registered) VALUES (?, ?, ?)"
                + " ON CONFLICT (host, port) DO NOTHING")) {
      statement.setString(1, relay.address().host());
      statement.setInt(2, relay.address().port());
      statement.setString(3, relay.registered().toString());
      added = statement.executeUpdate();
    }
    if (added > 0) {
      countChange(connection);
    }
    return added;
  }

  @Override
  public boolean remove(HostPort address) throws IOException {
    return database.transaction(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement("DELETE FROM edge_relays WHERE host = ? AND port = ?")) {
            statement.setString(1, address.host());
            statement.setInt(2, address.port());
            if (statement.executeUpdate() == 0) {
              return false;
            }
          }
          countChange(connection);
          return true;
        });
  }

  @Override
  public long version() throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT version FROM versions WHERE name = 'edge_relays'");
              ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0L;
          }
        });
  }

  private static void countChange(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE versions SET version = version + 1 WHERE name = 'edge_relays'")) {
      statement.executeUpdate();
    }
  }
}
