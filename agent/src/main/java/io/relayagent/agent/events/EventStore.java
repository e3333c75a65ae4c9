package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's files and index together: appends events to the segments, records removals and the
 * batch in flight in the state journal, and gives disk space back. Not thread-safe: {@link
 * DurableEventQueue} serialises calls.
 */
final class EventStore implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(EventStore.class);
  private static final long JOURNAL_SLACK_BYTES = 1 << 20;

  private final QueueDirectory dir;
  private final StateJournal journal;
  private final SegmentSet segments;
  private final QueueIndex index;
  private long nextSeq;
  private final int damagedAtOpen;

  EventStore(
      QueueDirectory dir,
      StateJournal journal,
      SegmentSet segments,
      QueueIndex index,
      long nextSeq,
      int damagedAtOpen) {
    this.dir = dir;
    this.journal = journal;
    this.segments = segments;
    this.index = index;
    this.nextSeq = nextSeq;
    this.damagedAtOpen = damagedAtOpen;
  }

  /**
   * Event records that recovery found damaged in the segments when the queue opened, and skipped:
   * each was an event, perhaps not yet sent. The damaged bytes stay until compaction gives them
   * back, so a restart before then counts them again.
   */
  int damagedAtOpen() {
    return damagedAtOpen;
  }

  QueueIndex index() {
    return index;
  }

  /** The batch in flight, or null. */
  PendingBatch pending() {
    return journal.pending();
  }

  /** Appends an event durably (written and forced to disk) and indexes it. */
  void append(UUID id, EventType type, EventPriority priority, Instant time, byte[] data)
      throws IOException {
    ByteBuffer frame =
        QueueFormat.RECORDS.frame(
            new EventRecord(nextSeq, id, type, priority, time, data).encode());
    SegmentSet.Location at = segments.append(frame);
    QueuedEvent event =
        new QueuedEvent(id, nextSeq++, priority, frame.limit(), at.segment(), at.offset());
    index.add(event);
    at.segment().added(event);
  }

  /** Reads an event back; null if its record no longer reads back intact. */
  Event read(QueuedEvent event) throws IOException {
    byte[] frame = event.segment().read(event.offset(), event.frameBytes());
    if (QueueFormat.RECORDS.intactFrameLength(frame, 0, frame.length) != frame.length) {
      return null;
    }
    try {
      int header = QueueFormat.HEADER_BYTES;
      EventRecord record =
          EventRecord.decode(ByteBuffer.wrap(frame, header, frame.length - header).slice());
      return record.id().equals(event.id()) ? record.toEvent() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Journals a new batch in flight, before it is first sent. */
  void batchFormed(UUID batchId, List<UUID> eventIds) throws IOException {
    journal.append(new StateRecord(StateRecord.Kind.BATCH, batchId, eventIds));
  }

  /** Removes acknowledged events of a batch; closes the batch if it is the one in flight. */
  void acknowledged(UUID batchId, List<QueuedEvent> events) throws IOException {
    journal.append(new StateRecord(StateRecord.Kind.ACKED, batchId, ids(events)));
    forget(events);
  }

  /** Removes events without acknowledgement; a batch in flight that held one is abandoned. */
  void removed(List<QueuedEvent> events) throws IOException {
    journal.append(new StateRecord(StateRecord.Kind.REMOVED, null, ids(events)));
    forget(events);
  }

  private void forget(List<QueuedEvent> events) {
    for (QueuedEvent event : events) {
      if (index.remove(event.id()) != null) {
        event.segment().removed(event);
      }
    }
    try {
      reclaim(1);
    } catch (IOException e) {
      // The removal itself is durable; reclaiming space is tried again after the next one.
      log.warn("event queue: could not give disk space back now: {}", e.toString());
    }
  }

  /**
   * Gives disk space back: deletes emptied segments, rewrites up to {@code maxRewrites} mostly dead
   * ones, and rewrites the journal once it is much larger than what it must remember.
   */
  void reclaim(int maxRewrites) throws IOException {
    segments.releaseEmpty();
    Segment candidate = segments.compactionCandidate();
    for (int i = 0; i < maxRewrites && candidate != null; i++) {
      List<QueuedEvent> damaged = SegmentCompactor.compact(dir, candidate, index.all());
      if (!damaged.isEmpty()) {
        removed(damaged);
      }
      candidate = segments.compactionCandidate();
    }
    PendingBatch pending = journal.pending();
    long needed = 16 * (segments.deadIdCount() + (pending == null ? 0 : pending.eventIds().size()));
    if (journal.size() > Math.max(JOURNAL_SLACK_BYTES, 4 * needed)) {
      compactJournal();
    }
  }

  /** Rewrites the journal with only what it must still remember. */
  void compactJournal() throws IOException {
    journal.rewrite(segments.deadIds());
  }

  /** Bytes the queue's files take on disk. */
  long diskBytes() {
    return segments.bytes() + journal.size();
  }

  private static List<UUID> ids(List<QueuedEvent> events) {
    List<UUID> ids = new ArrayList<>(events.size());
    events.forEach(event -> ids.add(event.id()));
    return ids;
  }

  @Override
  public void close() throws IOException {
    // The lock goes last, so no other process opens the files while they are still in use.
    try {
      segments.close();
    } finally {
      try {
        journal.close();
      } finally {
        dir.close();
      }
    }
  }
}
