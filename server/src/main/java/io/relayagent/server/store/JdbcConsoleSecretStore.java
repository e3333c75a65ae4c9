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
          Statements.update(
              connection,
              "DELETE FROM console_secrets WHERE kind = ? AND expires <= ?",
              kind.name(),
              now.toEpochMilli());
          // The newest bound - 1 stay; the new one makes bound.
          Statements.update(
              connection,
              "DELETE FROM console_secrets WHERE kind = ? AND seq NOT IN (SELECT seq FROM"
                  + " console_secrets WHERE kind = ? ORDER BY seq DESC LIMIT ?)",
              kind.name(),
              kind.name(),
              Math.max(0, bound - 1));
          Statements.update(
              connection,
              "INSERT INTO console_secrets (kind, secret_sha256, expires) VALUES (?, ?, ?)",
              kind.name(),
              sha256,
              expires.toEpochMilli());
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
          int deleted =
              Statements.update(
                  connection,
                  "DELETE FROM console_secrets WHERE kind = ? AND secret_sha256 = ?",
                  kind.name(),
                  sha256);
          // Only the caller whose delete removed the row has it: another instance's was first.
          return deleted == 1 ? expires : Optional.empty();
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
