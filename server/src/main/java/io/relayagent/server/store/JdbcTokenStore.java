package io.relayagent.server.store;

import io.relayagent.server.enroll.StoredToken;
import io.relayagent.server.enroll.TokenStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TokenStore} in the {@code enrollment_tokens} table. A use is counted by a conditional
 * update ({@code used = used + 1} only where {@code used} is still what the caller read), the one
 * step two server instances could otherwise both take.
 */
final class JdbcTokenStore implements TokenStore {
  private static final String COLUMNS =
      "token_id, secret_sha256, role, uses, used, expires, created, revoked";

  private final Database database;

  JdbcTokenStore(Database database) {
    this.database = database;
  }

  @Override
  public List<StoredToken> all() throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT " + COLUMNS + " FROM enrollment_tokens ORDER BY seq");
              ResultSet rows = statement.executeQuery()) {
            List<StoredToken> tokens = new ArrayList<>();
            while (rows.next()) {
              tokens.add(
                  new StoredToken(
                      rows.getString(1),
                      rows.getString(2),
                      rows.getString(3),
                      rows.getInt(4),
                      rows.getInt(5),
                      rows.getString(6),
                      rows.getString(7),
                      rows.getInt(8) != 0));
            }
            return tokens;
          }
        });
  }

  @Override
  public void add(StoredToken token, List<String> dropped) throws IOException {
    database.transaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM enrollment_tokens WHERE token_id = ?")) {
            for (String id : dropped) {
              delete.setString(1, id);
              delete.executeUpdate();
            }
          }
          return insert(connection, token);
        });
  }

  static int insert(Connection connection, StoredToken token) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO enrollment_tokens ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING")) {
      statement.setString(1, token.id());
      statement.setString(2, token.secretSha256());
      statement.setString(3, token.role());
      statement.setInt(4, token.uses());
      statement.setInt(5, token.used());
      statement.setString(6, token.expires());
      statement.setString(7, token.created());
      statement.setInt(8, token.revoked() ? 1 : 0);
      return statement.executeUpdate();
    }
  }

  @Override
  public boolean revoke(String id) throws IOException {
    return update("UPDATE enrollment_tokens SET revoked = 1 WHERE token_id = ?", id, null);
  }

  @Override
  public boolean countUse(String id, int usedBefore) throws IOException {
    return update(
        "UPDATE enrollment_tokens SET used = used + 1 WHERE token_id = ? AND used = ?",
        id,
        usedBefore);
  }

  private boolean update(String sql, String id, Integer used) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            if (used != null) {
              statement.setInt(2, used);
            }
            return statement.executeUpdate() > 0;
          }
        });
  }
}
