package io.relayagent.testkit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The real PostgreSQL that tests run on, when one is named: by the environment variable {@value
 * #VARIABLE} (or the system property {@value #PROPERTY}) as a JDBC URL with user and password
 * ({@code .ci/postgres-for-tests} starts one and prints it; {@code .ci/run} exports it). A test
 * that needs it is skipped without it, except under {@code CI=true}, where a missing PostgreSQL is
 * an error: CI must test on it.
 *
 * <pre>{@code
 * Optional<String> url = TestPostgres.url(); // empty: skip, saying why
 * String mine = TestPostgres.newSchema(url.get()); // a schema no other test sees
 * }</pre>
 *
 * <p>The caller needs the PostgreSQL driver on its test class path.
 */
public final class TestPostgres {

  public static final String VARIABLE = "RELAY_TEST_POSTGRES";
  public static final String PROPERTY = "relay.test.postgres";

  private TestPostgres() {}

  /**
   * The JDBC URL of the tests' PostgreSQL, or empty when none is named.
   *
   * @throws IllegalStateException under {@code CI=true} without one
   */
  public static Optional<String> url() {
    String url = System.getProperty(PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv(VARIABLE);
    }
    if (url != null && !url.isBlank()) {
      return Optional.of(url.trim());
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but no PostgreSQL for the tests: set " + VARIABLE + " (.ci/run does)");
    }
    return Optional.empty();
  }

  /**
   * Makes a new, empty schema in the database of {@code url} and returns {@code url} with that
   * schema as its {@code currentSchema}: tests on one database never see each other's rows.
   */
  public static String newSchema(String url) throws IOException {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IOException("the tests' PostgreSQL is not reachable: " + e.getMessage(), e);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
