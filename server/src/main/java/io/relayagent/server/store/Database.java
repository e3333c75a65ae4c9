package io.relayagent.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: a small connection pool (HikariCP) on the database the settings name, its
 * schema brought up to date by Flyway's migrations ({@code store/migration}, one schema for SQLite
 * and PostgreSQL, with the one type that differs as a placeholder) before anything reads it.
 *
 * <p>SQLite runs in WAL mode with full sync, so that a commit is on disk before an agent is
 * answered, and every transaction begins {@code IMMEDIATE}: a writer takes the lock before it
 * reads, so two writers queue (busy timeout) instead of one failing on a lock upgrade.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final String MIGRATIONS = "classpath:io/relayagent/server/store/migration";

  private final HikariDataSource pool;
  private final DatabaseSettings.Vendor vendor;

  private Database(HikariDataSource pool, DatabaseSettings.Vendor vendor) {
    this.pool = pool;
    this.vendor = vendor;
  }

  /**
   * Connects and migrates the schema.
   *
   * @throws IOException naming the database (without its password) and what failed
   */
  public static Database open(DatabaseSettings settings) throws IOException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setPoolName("relay-server-db");
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setAutoCommit(true);
    // Fail at start, not at the first agent, if the database cannot be reached.
    config.setInitializationFailTimeout(10_000);
    config.setConnectionTimeout(30_000);
    if (settings.vendor() == DatabaseSettings.Vendor.SQLITE) {
      // One file, one writer at a time: a few connections let readers go on beside it.
      config.setMaximumPoolSize(4);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("busy_timeout", "30000");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      config.addDataSourceProperty("foreign_keys", "true");
    } else {
      config.setMaximumPoolSize(16);
    }
    String where = DatabaseSettings.redacted(settings.url());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IOException("cannot connect to the database " + where + ": " + cause(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations(MIGRATIONS)
          .placeholders(Map.of("serialKey", settings.vendor().serialKey()))
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new IOException("cannot migrate the database " + where + ": " + e.getMessage(), e);
    }
    log.info("database {} ({}) ready", where, settings.vendor());
    return new Database(pool, settings.vendor());
  }

  public DatabaseSettings.Vendor vendor() {
    return vendor;
  }

  /** Runs {@code work} on a connection in autocommit mode: one statement, or reads. */
  public <T> T autocommit(Work<T> work) throws IOException {
    try (Connection connection = pool.getConnection()) {
      return work.on(connection);
    } catch (SQLException e) {
      throw new IOException("database: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  public <T> T transaction(Work<T> work) throws IOException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.on(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException("database: " + e.getMessage(), e);
    }
  }

  /**
   * A connection of the pool for the caller to keep and close: for work that outlives one
   * statement, as listening for PostgreSQL's notifications.
   */
  Connection keep() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** What runs on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T on(Connection connection) throws SQLException;
  }
}
