package io.relayagent.server.store;

import io.relayagent.files.DirectorySync;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.agent.AgentRecord;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.enroll.StoredToken;
import io.relayagent.server.events.EventLogReader;
import io.relayagent.server.events.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a server directory of the time before the database (agents' files, {@code
 * events/events.log}, {@code edge-relays.json}, {@code enrollment-tokens.json}) into the database,
 * once, at the first start, then moves those files aside into {@value #ASIDE} (kept, never
 * deleted).
 *
 * <p>Crash-safe in two steps: everything is inserted in one transaction together with the row that
 * says the import is done, so a start interrupted before the commit imported nothing and imports
 * again from the start; only after the commit are the files moved, and a start that finds the row
 * and files still in place only moves them. Every insert is idempotent as well (events on their
 * (agent, id), relays on their address, tokens on their id).
 */
final class LegacyImport {
  /** Where the imported files go, in the server's directory. */
  static final String ASIDE = "pre-database";

  private static final Logger log = LoggerFactory.getLogger(LegacyImport.class);

  /** The import's row is named after the directory: instances on one database may each have one. */
  private static final String IMPORTED = "server-directory:";

  private static final int EVENTS_PER_STATEMENT = 1000;

  private LegacyImport() {}

  /** Imports {@code dir}'s old files if it has any, and moves them aside. */
  static void run(Database database, ServerDirectory dir) throws IOException {
    List<Path> files = legacyFiles(dir);
    if (files.isEmpty()) {
      return;
    }
    if (!imported(database, dir)) {
      importFiles(database, dir);
    } else {
      log.info("{}: the files were imported before; moving them aside", dir.root());
    }
    moveAside(dir, files);
  }

  /** The offsets of the damaged records the imported event logs had (see {@code EventStore}). */
  static List<Long> damagedRecords(Database database) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT detail FROM legacy_import ORDER BY imported, name");
              ResultSet rows = statement.executeQuery()) {
            List<Long> offsets = new ArrayList<>();
            while (rows.next()) {
              String detail = rows.getString(1);
              if (detail != null && !detail.isEmpty()) {
                Arrays.stream(detail.split(",")).map(Long::valueOf).forEach(offsets::add);
              }
            }
            return offsets;
          }
        });
  }

  private static String name(ServerDirectory dir) {
    return IMPORTED + dir.root().toAbsolutePath().normalize();
  }

  private static List<Path> legacyFiles(ServerDirectory dir) {
    List<Path> files = new ArrayList<>();
    for (Path path :
        List.of(dir.agents(), dir.events(), dir.edgeRelays(), dir.enrollmentTokens())) {
      if (Files.exists(path)) {
        files.add(path);
      }
    }
    return files;
  }

  private static boolean imported(Database database, ServerDirectory dir) throws IOException {
    return database.autocommit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement("SELECT 1 FROM legacy_import WHERE name = ?")) {
            statement.setString(1, name(dir));
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  private static void importFiles(Database database, ServerDirectory dir) throws IOException {
    List<AgentRecord> agents = LegacyFiles.agents(dir.agents());
    List<EdgeRelay> relays = LegacyFiles.edgeRelays(dir.edgeRelays());
    List<StoredToken> tokens = LegacyFiles.tokens(dir.enrollmentTokens());
    Path eventLog = dir.events().resolve(EventLogReader.LOG_FILE);
    long[] events = new long[2]; // read, stored
    List<Long> damaged =
        database.transaction(
            connection -> {
              for (AgentRecord agent : agents) {
                JdbcAgentStore.upsert(connection, agent);
                if (agent.status() != null && agent.status().relayStatistics() != null) {
                  JdbcRelayStatisticsStore.upsert(
                      connection,
                      new RelayStatisticsEntry(
                          agent.agentId(),
                          agent.status().time(),
                          agent.status().relayStatistics()));
                }
              }
              for (EdgeRelay relay : relays) {
                JdbcEdgeRelayStore.insert(connection, relay);
              }
              for (StoredToken token : tokens) {
                JdbcTokenStore.insert(connection, token);
              }
              List<Long> offsets =
                  Files.exists(eventLog) ? events(connection, eventLog, events) : List.of();
              markDone(connection, name(dir), offsets);
              return offsets;
            });
    log.info(
        "{}: imported into the database: {} agents, {} edge relays, {} enrollment tokens, {} of"
            + " {} events ({} were duplicates){}",
        dir.root(),
        agents.size(),
        relays.size(),
        tokens.size(),
        events[1],
        events[0],
        events[0] - events[1],
        damaged.isEmpty() ? "" : "; damaged records skipped at offsets " + damaged);
  }

  /** Inserts every intact event of the log; the offsets of the damaged records. */
  private static List<Long> events(Connection connection, Path file, long[] counts)
      throws SQLException {
    List<StoredEvent> chunk = new ArrayList<>(EVENTS_PER_STATEMENT);
    try {
      EventLogReader.Read read =
          EventLogReader.read(
              file,
              event -> {
                if (event.agentId() == null || event.id() == null) {
                  log.warn("{}: a stored event without agentId or id is not imported", file);
                  return;
                }
                counts[0]++;
                chunk.add(event);
                if (chunk.size() == EVENTS_PER_STATEMENT) {
                  counts[1] += insert(connection, chunk);
                }
              });
      counts[1] += insert(connection, chunk);
      return read.damagedOffsets();
    } catch (IOException e) {
      throw new SQLException(file + ": cannot be read: " + e.getMessage(), e);
    } catch (UncheckedSqlException e) {
      throw e.getCause();
    }
  }

  private static int insert(Connection connection, List<StoredEvent> chunk) {
    try {
      int stored = JdbcEventStore.insert(connection, chunk);
      chunk.clear();
      return stored;
    } catch (SQLException e) {
      throw new UncheckedSqlException(e);
    }
  }

  private static void markDone(Connection connection, String name, List<Long> damaged)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO legacy_import (name, imported, detail) VALUES (?, ?, ?)")) {
      statement.setString(1, name);
      statement.setString(2, Instant.now().toString());
      statement.setString(
          3, damaged.stream().map(String::valueOf).collect(Collectors.joining(",")));
      statement.executeUpdate();
    }
  }

  /** Renames each file into {@value #ASIDE}: one atomic rename each, so a crash loses none. */
  private static void moveAside(ServerDirectory dir, List<Path> files) throws IOException {
    Path aside = dir.resolve(ASIDE);
    Files.createDirectories(aside);
    for (Path file : files) {
      Path target = aside.resolve(file.getFileName());
      if (Files.exists(target)) {
        target = aside.resolve(file.getFileName() + "." + System.currentTimeMillis());
      }
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
    DirectorySync.force(aside);
    DirectorySync.force(dir.root());
    log.info("{}: the imported files are kept in {}", dir.root(), aside);
  }

  /** Carries a database failure out of the log reader's callback. */
  private static final class UncheckedSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSqlException(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
