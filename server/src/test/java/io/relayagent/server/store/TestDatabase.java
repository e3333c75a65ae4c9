package io.relayagent.server.store;

import io.relayagent.server.ServerDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the storage tests run on: SQLite always, and a real PostgreSQL when one is named by
 * the environment variable {@value #VARIABLE} (or the system property {@value #PROPERTY}) as a JDBC
 * URL with user and password ({@code .ci/postgres-for-tests} starts one and prints it). Without one
 * the PostgreSQL cases print {@code SKIPPED: reason} and are left out, except under {@code
 * CI=true}, where a missing PostgreSQL fails the tests.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("io.relayagent.server.store.TestDatabase#all")
 * void append_... (TestDatabase database) throws Exception {
 *   try (Stores stores = database.open(dir)) { ... }
 * }
 * }</pre>
 *
 * <p>Each {@link #settings} on PostgreSQL is a schema of its own, so tests never see each other's
 * rows.
 */
public enum TestDatabase {
  SQLITE,
  POSTGRESQL;

  public static final String VARIABLE = "RELAY_TEST_POSTGRES";
  public static final String PROPERTY = "relay.test.postgres";
  private static final AtomicBoolean skipReported = new AtomicBoolean();

  /** SQLite, and PostgreSQL when one is reachable (see the class comment). */
  public static Stream<TestDatabase> all() {
    List<TestDatabase> databases = new ArrayList<>(List.of(SQLITE));
    if (!postgresConfigured()) {
      if (skipReported.compareAndSet(false, true)) {
        System.out.println(
            "SKIPPED: the PostgreSQL cases of the storage tests: no "
                + VARIABLE
                + " (start one with .ci/postgres-for-tests)");
      }
    } else {
      databases.add(POSTGRESQL);
    }
    return databases.stream();
  }

  /**
   * PostgreSQL, for a test that needs it alone (several server instances on one database): such a
   * test is skipped without one, except under {@code CI=true}, where it fails.
   */
  public static TestDatabase postgresql() {
    if (!postgresConfigured()) {
      Assumptions.abort("SKIPPED: needs PostgreSQL: no " + VARIABLE);
    }
    return POSTGRESQL;
  }

  /**
   * Whether a PostgreSQL is named for the tests.
   *
   * @throws IllegalStateException under {@code CI=true} without one: CI must test on both
   */
  private static boolean postgresConfigured() {
    if (postgresUrl() != null) {
      return true;
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but no PostgreSQL for the tests: set " + VARIABLE + " (.ci/run does)");
    }
    return false;
  }

  /** The settings of a new, empty database: {@code dir}'s SQLite file, or a new schema. */
  public DatabaseSettings settings(Path dir) throws IOException {
    if (this == SQLITE) {
      return DatabaseSettings.sqliteIn(dir);
    }
    String url = postgresUrl();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IOException("the tests' PostgreSQL is not reachable: " + e.getMessage(), e);
    }
    return new DatabaseSettings(
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
  }

  /** The stores of a new, empty database for the server directory {@code dir}. */
  public Stores open(Path dir) throws IOException {
    return Stores.open(settings(dir), new ServerDirectory(dir));
  }

  private static String postgresUrl() {
    String url = System.getProperty(PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv(VARIABLE);
    }
    return url == null || url.isBlank() ? null : url.trim();
  }
}
