package io.relayagent.server.store;

import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.server.wakeup.WakeupQueue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link WakeupQueue} in the {@code wakeup_requests} table. On PostgreSQL an ask also notifies the
 * channel {@value #CHANNEL} in its transaction, so the holder, listening, takes it within
 * milliseconds of the commit; on SQLite (one instance) and whenever the listening connection is
 * broken, holders find asks by polling the table.
 */
final class JdbcWakeupQueue implements WakeupQueue, AutoCloseable {
  static final String CHANNEL = "relay_wakeups";

  private static final String ASKED = "asked";
  private static final String TAKEN = "taken";
  private static final String ANSWERED = "answered";
  private static final String WITHDRAWN = "withdrawn";
  private static final int IDS_PER_QUERY = 500;

  private final Database database;
  private final PostgresSignals signals;

  JdbcWakeupQueue(Database database) {
    this.database = database;
    this.signals =
        database.vendor() == DatabaseSettings.Vendor.POSTGRESQL
            ? new PostgresSignals(database, CHANNEL)
            : null;
  }

  @Override
  public long ask(String holder, List<String> agents, byte[] wakeup, Instant now)
      throws IOException {
    for (String agent : agents) {
      if (agent.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("an agent id with a line break cannot be asked for");
      }
    }
    return database.transaction(
        connection -> {
          long id;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO wakeup_requests (holder, agents, wakeup, created, state)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, holder);
            insert.setString(2, String.join("\n", agents));
            insert.setString(3, new String(wakeup, StandardCharsets.UTF_8));
            insert.setLong(4, now.toEpochMilli());
            insert.setString(5, ASKED);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1); // seq: SQLite's rowid; PostgreSQL's first column
            }
          }
          if (signals != null) {
            // Delivered at the commit, to every instance listening; each looks for its own asks.
            try (PreparedStatement notify =
                connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
              notify.setString(1, holder);
              notify.execute();
            }
          }
          return id;
        });
  }

  @Override
  public List<Asked> take(String holder) throws IOException {
    return database.autocommit(
        connection -> {
          List<Asked> found = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT seq, agents, wakeup FROM wakeup_requests"
                      + " WHERE holder = ? AND state = ? ORDER BY seq")) {
            select.setString(1, holder);
            select.setString(2, ASKED);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                found.add(
                    new Asked(
                        rows.getLong(1),
                        List.of(rows.getString(2).split("\n")),
                        rows.getString(3).getBytes(StandardCharsets.UTF_8)));
              }
            }
          }
          List<Asked> taken = new ArrayList<>(found.size());
          for (Asked asked : found) {
            // Taken only if its asker has not withdrawn it meanwhile: one of the two, never both.
            if (move(connection, asked.id(), ASKED, TAKEN)) {
              taken.add(asked);
            }
          }
          return taken;
        });
  }

  @Override
  public void answer(long id, List<WakeupOutcome> outcomes) throws IOException {
    String stored = outcomes.stream().map(WakeupOutcome::name).collect(Collectors.joining(","));
    database.autocommit(
        connection ->
            Statements.update(
                connection,
                "UPDATE wakeup_requests SET state = ?, outcomes = ? WHERE seq = ?",
                ANSWERED,
                stored,
                id));
  }

  @Override
  public Map<Long, List<WakeupOutcome>> answers(Collection<Long> ids) throws IOException {
    List<Long> all = List.copyOf(ids);
    Map<Long, List<WakeupOutcome>> answers = new HashMap<>();
    for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
      List<Long> part = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
      database.autocommit(connection -> answered(connection, part, answers));
    }
    return answers;
  }

  @Override
  public boolean withdraw(long id) throws IOException {
    return database.autocommit(connection -> move(connection, id, ASKED, WITHDRAWN));
  }

  @Override
  public void forgetBefore(Instant before) throws IOException {
    database.autocommit(
        connection ->
            Statements.update(
                connection,
                "DELETE FROM wakeup_requests WHERE created < ?",
                before.toEpochMilli()));
  }

  @Override
  public void awaitAsk(Duration timeout) throws InterruptedException {
    if (signals != null) {
      signals.await(timeout);
    } else {
      Thread.sleep(Math.max(1, timeout.toMillis()));
    }
  }

  @Override
  public void close() {
    if (signals != null) {
      signals.close();
    }
  }

  private static Void answered(
      Connection connection, List<Long> ids, Map<Long, List<WakeupOutcome>> answers)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT seq, outcomes FROM wakeup_requests WHERE state = ? AND seq IN ("
                + marks
                + ")")) {
      select.setString(1, ANSWERED);
      for (int i = 0; i < ids.size(); i++) {
        select.setLong(i + 2, ids.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          answers.put(rows.getLong(1), outcomes(rows.getString(2)));
        }
      }
    }
    return null;
  }

  /** The stored outcomes; one that is not an outcome (a damaged row) counts as unreachable. */
  private static List<WakeupOutcome> outcomes(String stored) {
    return Arrays.stream(stored.split(","))
        .map(
            name -> {
              try {
                return WakeupOutcome.valueOf(name);
              } catch (IllegalArgumentException e) {
                return WakeupOutcome.UNREACHABLE;
              }
            })
        .toList();
  }

  private static boolean move(Connection connection, long id, String from, String to)
      throws SQLException {
    return Statements.update(
            connection,
            "UPDATE wakeup_requests SET state = ? WHERE seq = ? AND state = ?",
            to,
            id,
            from)
        == 1;
  }
}
