package io.relayagent.agent.events;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The segment files: appends go to the newest (active) one, which is replaced by a fresh file once
 * it reaches the target size; older ones are deleted once none of their events is queued, and
 * rewritten once a quarter of them is dead, so the files stay within about a third above the bytes
 * still queued (plus the active segment).
 */
final class SegmentSet implements Closeable {

  /** Where a record was written. */
  record Location(Segment segment, long offset) {}

  private final QueueDirectory dir;
  private final TreeMap<Long, Segment> segments;
  private final long targetBytes;
  private Segment active;

  /** Takes over recovered segments; {@code segments} must hold at least one, the active last. */
  SegmentSet(QueueDirectory dir, TreeMap<Long, Segment> segments, long targetBytes) {
    this.dir = dir;
    this.segments = segments;
    this.targetBytes = targetBytes;
    this.active = segments.lastEntry().getValue();
  }

  /** Segments of about 1/64 of the quota: rewriting one is cheap, and the files are few. */
  static long targetBytes(long maxBytes) {
    return Math.max(64 << 10, Math.min(16 << 20, maxBytes / 64));
  }

  /** Appends a frame durably (written and forced to disk). */
  Location append(ByteBuffer frame) throws IOException {
    if (active.size() > 0 && active.size() + frame.remaining() > targetBytes) {
      long number = active.number() + 1;
      active = Segment.open(number, dir.segment(number), 0);
      segments.put(number, active);
      dir.sync();
    }
    return new Location(active, active.append(frame));
  }

  /** Deletes older segments that hold no queued event. */
  void releaseEmpty() throws IOException {
    List<Segment> empty = new ArrayList<>();
    for (Segment segment : segments.values()) {
      if (segment != active && segment.liveCount() == 0) {
        empty.add(segment);
      }
    }
    for (Segment segment : empty) {
      segment.close();
      Files.deleteIfExists(segment.path());
      segments.remove(segment.number());
    }
    if (!empty.isEmpty()) {
      // Durable before the journal may forget these events' ids.
      dir.sync();
    }
  }

  /** The older segment most worth rewriting (a quarter or more dead), or null. */
  Segment compactionCandidate() {
    Segment worst = null;
    for (Segment segment : segments.values()) {
      if (segment != active && (worst == null || segment.deadBytes() > worst.deadBytes())) {
        worst = segment;
      }
    }
    return worst != null && worst.deadBytes() * 4 >= worst.size() ? worst : null;
  }

  /** Ids of removed events whose records are still in some segment. */
  Set<UUID> deadIds() {
    Set<UUID> ids = new HashSet<>();
    for (Segment segment : segments.values()) {
      ids.addAll(segment.deadIds());
    }
    return ids;
  }

  long deadIdCount() {
    long count = 0;
    for (Segment segment : segments.values()) {
      count += segment.deadIds().size();
    }
    return count;
  }

  long bytes() {
    long total = 0;
    for (Segment segment : segments.values()) {
      total += segment.size();
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Segment segment : segments.values()) {
      try {
        segment.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
