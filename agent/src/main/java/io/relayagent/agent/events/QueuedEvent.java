package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventPriority;
import java.util.UUID;

/**
 * The in-memory index entry of a queued event: enough to order, drop and find it. The data stays on
 * disk until a batch needs it. Compaction moves the record, so the location can change.
 */
final class QueuedEvent {

  private final UUID id;
  private final long seq;
  private final EventPriority priority;
  private final int frameBytes;
  private Segment segment;
  private long offset;

  QueuedEvent(
      UUID id, long seq, EventPriority priority, int frameBytes, Segment segment, long offset) {
    this.id = id;
    this.seq = seq;
    this.priority = priority;
    this.frameBytes = frameBytes;
    this.segment = segment;
    this.offset = offset;
  }

  UUID id() {
    return id;
  }

  long seq() {
    return seq;
  }

  EventPriority priority() {
    return priority;
  }

  int frameBytes() {
    return frameBytes;
  }

  Segment segment() {
    return segment;
  }

  long offset() {
    return offset;
  }

  void movedTo(Segment segment, long offset) {
    this.segment = segment;
    this.offset = offset;
  }
}
