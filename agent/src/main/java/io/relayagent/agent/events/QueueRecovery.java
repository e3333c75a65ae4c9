package io.relayagent.agent.events;

import io.relayagent.files.RecordScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a queue directory after any kind of stop: replays the state journal, scans every segment,
 * cuts torn tails, steps over damaged records, and rebuilds the index of queued events. Damage is
 * logged and costs only the damaged records, which are counted as dropped ({@link
 * EventStore#damagedAtOpen()}); it never stops the queue from opening.
 */
final class QueueRecovery {

  private static final Logger log = LoggerFactory.getLogger(QueueRecovery.class);

  /** An intact event record found in a segment. */
  private record Found(EventRecord record, long offset, int frameBytes) {}

  /** A segment as recovery found it, and how many event records damage cost in it. */
  private record Scanned(Segment segment, int damagedRecords) {}

  private QueueRecovery() {}

  static EventStore recover(Path path, long segmentTarget) throws IOException {
    QueueDirectory dir = QueueDirectory.lock(path);
    try {
      dir.deleteTemporaries();
      Set<UUID> removed = new HashSet<>();
      StateJournal journal = StateJournal.open(dir, removed);
      QueueIndex index = new QueueIndex();
      TreeMap<Long, Segment> segments = new TreeMap<>();
      long nextSeq = 0;
      int damaged = 0;
      for (Map.Entry<Long, Path> file : dir.segments().entrySet()) {
        Scanned scanned = scan(file.getKey(), file.getValue(), removed, index);
        segments.put(scanned.segment().number(), scanned.segment());
        damaged += scanned.damagedRecords();
      }
      for (QueuedEvent event : index.all()) {
        nextSeq = Math.max(nextSeq, event.seq() + 1);
      }
      if (segments.isEmpty() || segments.lastEntry().getValue().size() >= segmentTarget) {
        long number = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        segments.put(number, Segment.open(number, dir.segment(number), 0));
        dir.sync();
      }
      PendingBatch pending = journal.pending();
      if (pending != null && !pending.eventIds().stream().allMatch(id -> index.get(id) != null)) {
        log.warn(
            "event queue: batch {} in flight lost events; a new one is formed", pending.batchId());
        journal.abandonPending();
      }
      EventStore store =
          new EventStore(
              dir, journal, new SegmentSet(dir, segments, segmentTarget), index, nextSeq, damaged);
      try {
        store.reclaim(Integer.MAX_VALUE);
        store.compactJournal();
      } catch (IOException e) {
        // The queue is consistent without it; a full disk must not stop events being queued.
        log.warn("event queue: could not give disk space back at open: {}", e.toString());
      }
      return store;
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  private static Scanned scan(long number, Path file, Set<UUID> removed, QueueIndex index)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<Found> found = new ArrayList<>();
    int[] unreadable = {0};
    RecordScanner.Scan scan =
        QueueFormat.SCANNER.scan(
            bytes,
            (offset, length, payload) -> {
              try {
                found.add(new Found(EventRecord.decode(payload), offset, length));
              } catch (IllegalArgumentException e) {
                unreadable[0]++;
                log.warn(
                    "event queue: skipped an unreadable record at {} in {} ({})",
                    offset,
                    file,
                    e.getMessage());
              }
            });
    int damaged = RecoveryLog.damage(file, scan) + unreadable[0];
    Segment segment = Segment.open(number, file, scan.intactEnd());
    for (Found event : found) {
      UUID id = event.record().id();
      QueuedEvent queued =
          new QueuedEvent(
              id,
              event.record().seq(),
              event.record().priority(),
              event.frameBytes(),
              segment,
              event.offset());
      if (removed.contains(id)) {
        segment.holdsRemoved(id);
      } else if (index.add(queued)) {
        segment.added(queued);
      } else {
        log.warn("event queue: skipped a second copy of event {} in {}", id, file);
      }
    }
    return new Scanned(segment, damaged);
  }
}
