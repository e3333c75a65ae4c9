package io.relayagent.server.store;

import io.relayagent.server.ServerDirectory;
import io.relayagent.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the storage tests run on: SQLite always, and a real PostgreSQL when one is named by
 * the environment variable {@value #VARIABLE} (or the system property named in {@link
 * TestPostgres}) as a JDBC URL with user and password ({@code .ci/postgres-for-tests} starts one
 * and prints it). Without one the PostgreSQL cases print {@code SKIPPED: reason} and are left out,
 * except under {@code CI=true}, where a missing PostgreSQL fails the tests.
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

  public static final String VARIABLE = TestPostgres.VARIABLE;
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
    return TestPostgres.url().isPresent();
  }

  /** The settings of a new, empty database: {@code dir}'s SQLite file, or a new schema. */
  public DatabaseSettings settings(Path dir) throws IOException {
    if (this == SQLITE) {
      return DatabaseSettings.sqliteIn(dir);
    }
    return new DatabaseSettings(
        TestPostgres.newSchema(TestPostgres.url().orElseThrow()), null, null);
  }

  /** The stores of a new, empty database for the server directory {@code dir}. */
  public Stores open(Path dir) throws IOException {
    return Stores.open(settings(dir), new ServerDirectory(dir));
  }
}
