package io.relayagent.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One prepared statement with its parameters, run and closed: the stores' short updates. */
final class Statements {
  private Statements() {}

  /**
   * Runs {@code sql} with {@code parameters} (strings, longs or ints, in order).
   *
   * @return the rows it changed
   */
  static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }
}
