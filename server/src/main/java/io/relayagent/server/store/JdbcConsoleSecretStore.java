package io.relayagent.server.store;

import io.relayagent.server.console.ConsoleSecretStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link ConsoleSecretStore} in the {@code console_secrets} table. */
final class JdbcConsoleSecretStore implements ConsoleSecretStore {
  private final Database database;

  JdbcConsoleSecretStore(Database database) {
    this.database = database;
  }

  @Override
  public void add(Kind kind, String sha256, Instant expires, int bound, Instant now)
      throws IOException {
    database.transaction(
        connection -> {
          try (PreparedStatement expired =
              connection.prepareStatement(
                  "DELETE FROM console_secrets WHERE kind = ? AND expires <= ?")) {
            expired.setString(1, kind.name());
            expired.setLong(2, now.toEpochMilli());
            expired.executeUpdate();
          }
          // The newest bound - 1 stay; the new one makes bound.
          try (PreparedStatement oldest =
              connection.prepareStatement(
                  "DELETE FROM console_secrets WHERE kind = ? AND seq NOT IN (SELECT seq FROM"
                      + " console_secrets WHERE kind = ? ORDER BY seq DESC LIMIT ?)")) {
            oldest.setString(1, kind.name());
            oldest.setString(2, kind.name());
            oldest.setInt(3, Math.max(0, bound - 1));
            oldest.executeUpdate();
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO console_secrets (kind, secret_sha256, expires) VALUES (?, ?, ?)")) {
            insert.setString(1, kind.name());
            insert.setString(2, sha256);
            insert.setLong(3, expires.toEpochMilli());
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Instant> take(Kind kind, String sha256) throws IOException {
    return database.transaction(
        connection -> {
          Optional<Instant> expires = find(connection, kind, sha256);
          if (expires.isEmpty()) {
            return expires;
          }
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM console_secrets WHERE kind = ? AND secret_sha256 = ?")) {
            delete.setString(1, kind.name());
            delete.setString(2, sha256);
            // Only the caller whose delete removed the row has it: another instance's was first.
            return delete.executeUpdate() == 1 ? expires : Optional.empty();
          }
        });
  }

  @Override
  public Optional<Instant> find(Kind kind, String sha256) throws IOException {
    return database.autocommit(connection -> find(connection, kind, sha256));
  }

  @Override
  public int count(Kind kind, Instant now) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM console_secrets WHERE kind = ? AND expires > ?")) {
            statement.setString(1, kind.name());
            statement.setLong(2, now.toEpochMilli());
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? rows.getInt(1) : 0;
            }
          }
        });
  }

  private static Optional<Instant> find(Connection connection, Kind kind, String sha256)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT expires FROM console_secrets WHERE kind = ? AND secret_sha256 = ?")) {
      statement.setString(1, kind.name());
      statement.setString(2, sha256);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.empty();
      }
    }
  }
}
