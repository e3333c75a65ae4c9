package io.relayagent.agent.events;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One record of the state journal.
 *
 * <p>Payload: kind (1 byte), the batch id (16 bytes, BATCH and ACKED only), the number of event ids
 * (4), then the event ids (16 each).
 *
 * @param batchId null for REMOVED
 */
record StateRecord(Kind kind, UUID batchId, List<UUID> eventIds) {

  enum Kind {
    /** A batch was formed and is in flight until the server acknowledges it. */
    BATCH('B'),
    /** The server acknowledged these events of a batch; the batch is closed. */
    ACKED('A'),
    /** These events left the queue without acknowledgement (dropped when full, or unreadable). */
    REMOVED('R');

    private final byte code;

    Kind(char code) {
      this.code = (byte) code;
    }
  }

  /** Ids per REMOVED record when rewriting the journal, so no record nears the frame limit. */
  static final int MAX_IDS = 65_536;

  StateRecord {
    eventIds = List.copyOf(eventIds);
  }

  byte[] encode() {
    boolean hasBatch = kind != Kind.REMOVED;
    ByteBuffer payload =
        ByteBuffer.allocate(1 + (hasBatch ? 16 : 0) + 4 + 16 * eventIds.size()).put(kind.code);
    if (hasBatch) {
      putId(payload, batchId);
    }
    payload.putInt(eventIds.size());
    eventIds.forEach(id -> putId(payload, id));
    return payload.array();
  }

  /**
   * Reads a payload written by {@link #encode}.
   *
   * @throws IllegalArgumentException if the payload is not a state record
   */
  static StateRecord decode(ByteBuffer payload) {
    if (!payload.hasRemaining()) {
      throw new IllegalArgumentException("empty state record");
    }
    byte code = payload.get();
    Kind kind = null;
    for (Kind candidate : Kind.values()) {
      kind = candidate.code == code ? candidate : kind;
    }
    if (kind == null) {
      throw new IllegalArgumentException("unknown state record kind " + code);
    }
    UUID batchId = kind == Kind.REMOVED ? null : getId(payload);
    int count = payload.remaining() >= 4 ? payload.getInt() : -1;
    if (count < 0 || payload.remaining() != 16L * count) {
      throw new IllegalArgumentException("state record of the wrong length");
    }
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(getId(payload));
    }
    return new StateRecord(kind, batchId, ids);
  }

  private static void putId(ByteBuffer buffer, UUID id) {
    buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
  }

  private static UUID getId(ByteBuffer buffer) {
    if (buffer.remaining() < 16) {
      throw new IllegalArgumentException("state record of the wrong length");
    }
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
