package io.relayagent.server.store;

import io.relayagent.files.FileAccess;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.agent.AgentStore;
import io.relayagent.server.agent.RelayStatisticsStore;
import io.relayagent.server.console.ConsoleSecretStore;
import io.relayagent.server.edge.EdgeRelayStore;
import io.relayagent.server.enroll.TokenStore;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.wakeup.HolderStore;
import io.relayagent.server.wakeup.WakeupQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's storage, one interface per concern, all in one database: what the rest of the server
 * uses, never knowing SQL.
 *
 * <pre>{@code
 * try (Stores stores = Stores.open(DatabaseSettings.sqliteIn(dir), new ServerDirectory(dir))) {
 *   stores.events().append(events);
 * }
 * }</pre>
 */
public final class Stores implements AutoCloseable {
  private final Database database;
  private final AgentStore agents;
  private final RelayStatisticsStore relayStatistics;
  private final EventStore events;
  private final EdgeRelayStore edgeRelays;
  private final TokenStore tokens;
  private final ConsoleSecretStore consoleSecrets;
  private final HolderStore holders;
  private final JdbcWakeupQueue wakeups;

  private Stores(Database database) {
    this.database = database;
    this.agents = new JdbcAgentStore(database);
    this.relayStatistics = new JdbcRelayStatisticsStore(database);
    this.events = new JdbcEventStore(database);
    this.edgeRelays = new JdbcEdgeRelayStore(database);
    this.tokens = new JdbcTokenStore(database);
    this.consoleSecrets = new JdbcConsoleSecretStore(database);
    this.holders = new JdbcHolderStore(database);
    this.wakeups = new JdbcWakeupQueue(database);
  }

  /**
   * Opens the database, migrates its schema, and imports {@code dir}'s files from before the
   * database if it still has them ({@link LegacyImport}).
   *
   * @throws IOException naming the database or the file at fault
   */
  public static Stores open(DatabaseSettings settings, ServerDirectory dir) throws IOException {
    if (settings.vendor() == DatabaseSettings.Vendor.SQLITE) {
      createPrivate(Path.of(settings.url().substring("jdbc:sqlite:".length())));
    }
    Database database = Database.open(settings);
    try {
      LegacyImport.run(database, dir);
      return new Stores(database);
    } catch (IOException | RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The database file holds every agent's events: made owner-only before SQLite creates it. */
  private static void createPrivate(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    if (Files.notExists(file)) {
      Files.createFile(file, FileAccess.PRIVATE.newFileAttributes(parent));
    }
    FileAccess.PRIVATE.narrow(file);
  }

  public AgentStore agents() {
    return agents;
  }

  public RelayStatisticsStore relayStatistics() {
    return relayStatistics;
  }

  public EventStore events() {
    return events;
  }

  public EdgeRelayStore edgeRelays() {
    return edgeRelays;
  }

  public TokenStore tokens() {
    return tokens;
  }

  public ConsoleSecretStore consoleSecrets() {
    return consoleSecrets;
  }

  public HolderStore wakeupHolders() {
    return holders;
  }

  public WakeupQueue wakeups() {
    return wakeups;
  }

  @Override
  public void close() {
    wakeups.close();
    database.close();
  }
}
