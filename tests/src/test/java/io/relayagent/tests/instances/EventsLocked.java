package io.relayagent.tests.instances;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server's {@code events} table locked against writes by a transaction of the test, so that a
 * batch a server instance is storing waits, in flight, for as long as the test wants: the moment to
 * kill that instance. Reads go on. Closing rolls the lock back.
 */
final class EventsLocked implements AutoCloseable {
  private final String url;
  private final Connection connection;
  private final int pid;

  private EventsLocked(String url, Connection connection, int pid) {
    this.url = url;
    this.connection = connection;
    this.pid = pid;
  }

  /** Locks the {@code events} table of the database (and schema) of the JDBC {@code url}. */
  static EventsLocked in(String url) throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      // EXCLUSIVE conflicts with the ROW EXCLUSIVE an INSERT takes, not with a SELECT's lock.
      statement.execute("LOCK TABLE events IN EXCLUSIVE MODE");
      try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
        pid.next();
        return new EventsLocked(url, connection, pid.getInt(1));
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Whether an insert into {@code events} is waiting for this lock. Asked on a connection of its
   * own: within the lock's transaction, PostgreSQL would show the activity of its first look again.
   */
  boolean insertWaiting() throws SQLException {
    try (Connection asking = DriverManager.getConnection(url);
        PreparedStatement statement =
            asking.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE ? = ANY(pg_blocking_pids(pid)) AND query LIKE 'INSERT INTO events %'")) {
      statement.setInt(1, pid);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
