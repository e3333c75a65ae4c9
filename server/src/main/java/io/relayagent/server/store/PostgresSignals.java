package io.relayagent.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for PostgreSQL notifications on one channel ({@code LISTEN}) on a connection of its own,
 * kept across waits; a broken connection is replaced at the next wait, and until then a wait is a
 * plain pause, so the caller's poll of its table goes on.
 */
final class PostgresSignals implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresSignals.class);

  private final Database database;
  private final String channel;
  private Connection connection;
  private boolean failing;

  /**
   * @param channel a fixed name of the code's (it goes into {@code LISTEN} as it is)
   */
  PostgresSignals(Database database, String channel) {
    this.database = database;
    this.channel = channel;
  }

  /** Waits until a notification comes on the channel or {@code timeout} passed. */
  synchronized void await(Duration timeout) throws InterruptedException {
    long millis = Math.max(1, timeout.toMillis());
    try {
      if (connection == null) {
        Connection opened = database.keep();
        try (Statement statement = opened.createStatement()) {
          statement.execute("LISTEN " + channel);
        } catch (SQLException e) {
          opened.close();
          throw e;
        }
        connection = opened;
        if (failing) {
          log.info("listening for wake-ups of other instances again");
          failing = false;
        }
      }
      PGNotification[] notifications =
          connection.unwrap(PGConnection.class).getNotifications((int) millis);
      if (notifications == null && Thread.interrupted()) {
        throw new InterruptedException();
      }
    } catch (SQLException e) {
      if (!failing) {
        log.warn(
            "cannot listen for wake-ups of other instances (polling meanwhile): {}",
            e.getMessage());
        failing = true;
      }
      closeConnection();
      Thread.sleep(millis);
    }
  }

  @Override
  public synchronized void close() {
    closeConnection();
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the listening connection: {}", e.getMessage());
      }
      connection = null;
    }
  }
}
