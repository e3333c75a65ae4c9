package io.relayagent.server.events;

import io.relayagent.files.AppendOnlyFile;
import io.relayagent.files.DirectorySync;
import io.relayagent.files.FileAccess;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event the server received, each stored once, in an append-only log ({@code events.log},
 * format in {@link EventLogFormat}). An event is known by the agent that sent it and its id, so an
 * agent that resends a batch (it never saw the acknowledgement) stores nothing twice, and no agent
 * can mask another's events by reusing their ids.
 *
 * <p>An append is forced to disk before it returns, so whatever was acknowledged survives a crash.
 * At open, the log is read to rebuild the set of ids: a damaged record costs that record alone,
 * counted in {@link #damagedRecords()}, and a torn tail is cut off (see {@link EventLogRecovery}).
 * If an append fails midway, the log is cut back to its last whole record; if even that fails, the
 * store refuses further appends until it is reopened, so a torn record can never end up in the
 * middle of the log ({@link AppendOnlyFile}).
 *
 * <pre>{@code
 * try (EventStore store = EventStore.open(dir.resolve("events"))) {
 *   Appended result = store.append(List.of(StoredEvent.of(batch, event, clock.instant())));
 * }
 * }</pre>
 */
public final class EventStore implements AutoCloseable {
  public static final String LOG_FILE = "events.log";
  private static final Logger log = LoggerFactory.getLogger(EventStore.class);

  private final Path file;
  private final EventIndex index = new EventIndex();
  private final RecentEvents recent = new RecentEvents();
  private AppendOnlyFile appends;
  private List<Long> damaged = List.of();

  private EventStore(Path file) {
    this.file = file;
  }

  /**
   * Opens (or creates) the log in {@code dir}, recovering it after a crash or damage. The directory
   * and the log are the server's alone (they hold every agent's detections): a new one is made
   * owner-only, an existing one that others may read is narrowed, and the log says so.
   */
  public static EventStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileAccess.PRIVATE.narrow(dir);
    Path file = dir.resolve(LOG_FILE);
    boolean created = Files.notExists(file);
    EventStore store = new EventStore(file);
    try (FileChannel recovery =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            FileAccess.PRIVATE.newFileAttributes(dir))) {
      if (created) {
        DirectorySync.force(dir); // so that the new log's name survives a power cut
      }
      FileAccess.PRIVATE.narrow(file);
      EventLogRecovery.Recovered recovered =
          EventLogRecovery.recover(file, recovery, store::remember);
      store.damaged = recovered.damagedOffsets();
      store.appends = AppendOnlyFile.open(file, recovered.end());
    }
    if (store.damaged.isEmpty()) {
      log.info("{}: {} events stored", file, store.index.size());
    } else {
      log.error(
          "{}: {} events stored; {} damaged record(s) skipped at offset(s) {}: each may have held"
              + " an acknowledged event; the records after them are kept",
          file,
          store.index.size(),
          store.damaged.size(),
          store.damaged);
    }
    return store;
  }

  /**
   * Stores the events not stored before, durably. Each event has at least an {@code agentId} and an
   * {@code id}.
   *
   * @return the ids of every event given (all are stored now) and how many were stored already
   * @throws IOException if the log cannot be written; then nothing of this call is stored
   */
  public synchronized Appended append(List<StoredEvent> events) throws IOException {
    List<String> acknowledged = new ArrayList<>(events.size());
    Set<EventKey> fresh = new HashSet<>();
    List<byte[]> payloads = new ArrayList<>();
    List<StoredEvent> stored = new ArrayList<>();
    int bytes = 0;
    for (StoredEvent event : events) {
      EventKey key = EventKey.of(event);
      acknowledged.add(key.id());
      if (!index.contains(key) && fresh.add(key)) {
        byte[] payload = ProtocolJson.write(event);
        payloads.add(payload);
        stored.add(event);
        bytes += EventLogFormat.RECORDS.headerBytes() + payload.length;
      }
    }
    if (!payloads.isEmpty()) {
      ByteBuffer buffer = ByteBuffer.allocate(bytes);
      payloads.forEach(payload -> EventLogFormat.RECORDS.encode(payload, buffer));
      appends.append(buffer.flip());
      fresh.forEach(index::add);
      stored.forEach(recent::add);
    }
    return new Appended(acknowledged, fresh.size(), events.size() - fresh.size());
  }

  /** Whether {@code agentId}'s event {@code id} is stored. */
  public synchronized boolean contains(String agentId, String id) {
    return index.contains(new EventKey(agentId, id));
  }

  /** How many events are stored. */
  public synchronized long size() {
    return index.size();
  }

  /**
   * The offsets of the records found damaged when the log was opened, and skipped: each may have
   * held an acknowledged event. They stay in the log, so each start finds them again.
   */
  public synchronized List<Long> damagedRecords() {
    return damaged;
  }

  /** How many events of {@code agentId} are stored. */
  public synchronized long countFor(String agentId) {
    return index.countFor(agentId);
  }

  /**
   * The last {@value RecentEvents#PER_AGENT} events stored from {@code agentId}, newest first (in
   * the order they were stored, whatever times the agent gave them).
   */
  public synchronized List<RecentEvent> recentFor(String agentId) {
    return recent.of(agentId);
  }

  @Override
  public synchronized void close() throws IOException {
    appends.close();
  }

  private void remember(StoredEvent event) {
    try {
      index.add(EventKey.of(event));
      recent.add(event);
    } catch (IllegalArgumentException e) {
      log.warn("{}: a stored event without agentId or id is kept but not indexed", file);
    }
  }

  /** The outcome of {@link #append}. */
  public record Appended(List<String> acknowledged, int stored, int duplicates) {}
}
