package io.relayagent.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.agent.AgentRecord;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.enroll.StoredToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server directory written by the file-based server ({@link LegacyDirectory}) is imported into
 * the database at the first start, once, and its files are moved aside, kept; a start interrupted
 * anywhere (killed in the import, or between the import and the move) leaves a database that the
 * next start completes without storing anything twice.
 */
class LegacyImportTest {
  private static final List<String> OLD_FILES =
      List.of("agents", "events", "edge-relays.json", "enrollment-tokens.json");

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void open_olderDirectory_importsEverything_andKeepsTheFilesAside(TestDatabase database)
      throws Exception {
    LegacyDirectory.copyTo(dir);
    DatabaseSettings settings = database.settings(dir);

    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      assertImported(stores);
    }

    for (String name : OLD_FILES) {
      assertThat(dir.resolve(name)).as(name + " moved").doesNotExist();
      assertThat(dir.resolve(LegacyImport.ASIDE).resolve(name)).as(name + " kept").exists();
    }
    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      assertImported(stores);
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void open_crashAfterTheImportBeforeTheMove_onlyMovesTheFiles(TestDatabase database)
      throws Exception {
    LegacyDirectory.copyTo(dir);
    DatabaseSettings settings = database.settings(dir);
    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      stores.events().append(List.of()); // imported and moved
    }
    // The files back in place: as if the start had stopped right after the import's commit.
    for (String name : OLD_FILES) {
      Files.move(dir.resolve(LegacyImport.ASIDE).resolve(name), dir.resolve(name));
    }

    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      assertImported(stores);
    }
    for (String name : OLD_FILES) {
      assertThat(dir.resolve(name)).as(name + " moved").doesNotExist();
    }
  }

  @Test
  void open_killedWhileImporting_importsCleanlyAtTheNextStart() throws Exception {
    for (int round = 0; round < 3; round++) {
      Path server = dir.resolve("server-" + round);
      LegacyDirectory.copyTo(server);
      Process importer =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ImporterProcess.class.getName(),
                  server.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(importer.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("OPENING");
        // Somewhere in the migration, the import or the move, or (rarely) just after.
        Thread.sleep(ThreadLocalRandom.current().nextInt(10, 400));
        importer.destroyForcibly();
        assertThat(importer.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }

      try (Stores stores =
          Stores.open(DatabaseSettings.sqliteIn(server), new ServerDirectory(server))) {
        assertImported(stores);
      }
      for (String name : OLD_FILES) {
        assertThat(server.resolve(name)).as(name + " moved").doesNotExist();
        assertThat(server.resolve(LegacyImport.ASIDE).resolve(name)).as(name + " kept").exists();
      }
    }
  }

  /** What the directory held, each once. */
  private static void assertImported(Stores stores) throws Exception {
    assertThat(stores.events().size()).isEqualTo(LegacyDirectory.EVENTS);
    assertThat(stores.events().countFor("relay-3")).isEqualTo(LegacyDirectory.RELAY_EVENTS);
    assertThat(stores.events().countFor("laptop-042"))
        .isEqualTo(LegacyDirectory.EVENTS - LegacyDirectory.RELAY_EVENTS);
    assertThat(stores.events().damagedRecords()).isEmpty();
    assertThat(stores.events().recent("relay-3", 1).get(0).batchId()).isEqualTo("batch-9");

    assertThat(stores.agents().all())
        .extracting(AgentRecord::agentId, AgentRecord::address)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("laptop-042", "192.0.2.7"),
            org.assertj.core.groups.Tuple.tuple("relay-3", "192.0.2.3"));
    assertThat(stores.agents().find("laptop-042").orElseThrow().status().relay())
        .isEqualTo("relay-3");
    assertThat(stores.relayStatistics().all())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.relayId()).isEqualTo("relay-3");
              assertThat(entry.statistics().agentsServed()).isEqualTo(212);
            })
        .extracting(RelayStatisticsEntry::reported)
        .isEqualTo("2026-03-02T10:00:05Z");

    assertThat(stores.edgeRelays().all())
        .extracting(relay -> relay.address().host() + " " + relay.address().port())
        .containsExactly("edge1.example.com 8443", "2001:db8::7 8443");
    assertThat(stores.edgeRelays().all()).extracting(EdgeRelay::registered).isSorted();

    assertThat(stores.tokens().all())
        .extracting(StoredToken::role, StoredToken::uses, StoredToken::used, StoredToken::revoked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("agent", 5, 1, false),
            org.assertj.core.groups.Tuple.tuple("relay", 2, 0, true));
  }

  /** A separate JVM that opens the stores of a server directory (so imports it), to be killed. */
  public static final class ImporterProcess {
    private ImporterProcess() {}

    public static void main(String[] args) throws Exception {
      Path server = Path.of(args[0]);
      System.out.println("OPENING");
      System.out.flush();
      try (Stores stores =
          Stores.open(DatabaseSettings.sqliteIn(server), new ServerDirectory(server))) {
        System.out.println("OPEN " + stores.events().size());
      }
    }
  }
}
