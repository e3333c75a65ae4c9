package io.relayagent.agent.events;

import io.relayagent.files.AppendOnlyFile;
import io.relayagent.files.RecordScanner;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code state.log}: the append-only record of which events have left the queue and which batch is
 * in flight. Segments are never edited in place, so this journal is what says an event is gone; it
 * is rewritten, smaller, when it has grown well past what is still worth remembering.
 */
final class StateJournal implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(StateJournal.class);

  private final QueueDirectory dir;
  private AppendOnlyFile file;
  private PendingBatch pending;

  private StateJournal(QueueDirectory dir) {
    this.dir = dir;
  }

  /**
   * Opens the journal and replays it: {@code removed} receives the ids of events that have left the
   * queue. A damaged tail is cut off and logged.
   */
  static StateJournal open(QueueDirectory dir, Set<UUID> removed) throws IOException {
    byte[] bytes = Files.exists(dir.journal()) ? Files.readAllBytes(dir.journal()) : new byte[0];
    StateJournal journal = new StateJournal(dir);
    RecordScanner.Scan scan =
        QueueFormat.SCANNER.scan(
            bytes, (offset, length, payload) -> journal.replay(payload, removed));
    RecoveryLog.damage(dir.journal(), scan);
    journal.reopen(scan.intactEnd());
    return journal;
  }

  private void replay(ByteBuffer payload, Set<UUID> removed) {
    StateRecord record;
    try {
      record = StateRecord.decode(payload);
    } catch (IllegalArgumentException e) {
      log.warn("event queue state: skipped an unreadable record ({})", e.getMessage());
      return;
    }
    if (record.kind() != StateRecord.Kind.BATCH) {
      removed.addAll(record.eventIds());
    }
    apply(record);
  }

  /** Follows the batch in flight; the same rule for replay and for live appends. */
  private void apply(StateRecord record) {
    if (record.kind() == StateRecord.Kind.BATCH) {
      pending = new PendingBatch(record.batchId(), record.eventIds());
    } else if (pending != null && pending.closedBy(record)) {
      pending = null;
    }
  }

  /** Appends a record and forces it to disk. */
  void append(StateRecord record) throws IOException {
    file.append(QueueFormat.RECORDS.frame(record.encode()));
    apply(record);
  }

  /** The batch in flight, or null. */
  PendingBatch pending() {
    return pending;
  }

  /** Forgets the batch in flight (recovery found some of its events gone). */
  void abandonPending() {
    pending = null;
  }

  /** Replaces the journal with just the removed ids still held in segments and the batch. */
  void rewrite(Collection<UUID> removedStillOnDisk) throws IOException {
    file.close();
    try {
      dir.replace(
          dir.journal(),
          out -> {
            List<UUID> ids = new ArrayList<>(removedStillOnDisk);
            for (int from = 0; from < ids.size(); from += StateRecord.MAX_IDS) {
              int to = Math.min(ids.size(), from + StateRecord.MAX_IDS);
              write(out, new StateRecord(StateRecord.Kind.REMOVED, null, ids.subList(from, to)));
            }
            if (pending != null) {
              write(
                  out,
                  new StateRecord(StateRecord.Kind.BATCH, pending.batchId(), pending.eventIds()));
            }
          });
    } finally {
      reopen(Long.MAX_VALUE);
    }
  }

  private static void write(WritableByteChannel out, StateRecord record) throws IOException {
    ByteBuffer frame = QueueFormat.RECORDS.frame(record.encode());
    while (frame.hasRemaining()) {
      out.write(frame);
    }
  }

  /** Opens the journal for appends; anything after {@code validBytes} (a torn tail) is cut. */
  private void reopen(long validBytes) throws IOException {
    file = AppendOnlyFile.open(dir.journal(), validBytes);
  }

  long size() {
    return file.size();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
