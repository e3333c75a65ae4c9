package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored in a segment: the payload of one frame. {@code seq} orders events across
 * segments, so that compaction may move records without changing the order events are sent in.
 *
 * <p>Payload: kind (1 byte, 'E'), seq (8), id (16), type code (1), priority code (1), time as epoch
 * seconds (8) and nanoseconds (4), then the data as UTF-8 up to the end of the payload.
 */
record EventRecord(
    long seq, UUID id, EventType type, EventPriority priority, Instant time, byte[] data) {

  private static final byte KIND = 'E';
  static final int FIXED_BYTES = 1 + 8 + 16 + 1 + 1 + 8 + 4;

  /** The bytes a record with {@code dataBytes} of data takes in a segment, framing included. */
  static int frameBytes(int dataBytes) {
    return QueueFormat.HEADER_BYTES + FIXED_BYTES + dataBytes;
  }

  byte[] encode() {
    return ByteBuffer.allocate(FIXED_BYTES + data.length)
        .put(KIND)
        .putLong(seq)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .put((byte) EventCodes.of(type))
        .put((byte) EventCodes.of(priority))
        .putLong(time.getEpochSecond())
        .putInt(time.getNano())
        .put(data)
        .array();
  }

  /**
   * Reads a payload written by {@link #encode}.
   *
   * @throws IllegalArgumentException if the payload is not an event record (an intact frame written
   *     by a newer format, or damage that the CRC did not catch)
   */
  static EventRecord decode(ByteBuffer payload) {
    if (payload.remaining() < FIXED_BYTES || payload.get() != KIND) {
      throw new IllegalArgumentException("not an event record");
    }
    long seq = payload.getLong();
    UUID id = new UUID(payload.getLong(), payload.getLong());
    EventType type = EventCodes.type(payload.get());
    EventPriority priority = EventCodes.priority(payload.get());
    long seconds = payload.getLong();
    int nanos = payload.getInt();
    if (nanos < 0
        || nanos > 999_999_999
        || seconds < Instant.MIN.getEpochSecond()
        || seconds > Instant.MAX.getEpochSecond()) {
      throw new IllegalArgumentException("event time out of range");
    }
    Instant time = Instant.ofEpochSecond(seconds, nanos);
    byte[] data = new byte[payload.remaining()];
    payload.get(data);
    return new EventRecord(seq, id, type, priority, time, data);
  }

  Event toEvent() {
    return new Event(id.toString(), type, priority, time, new String(data, StandardCharsets.UTF_8));
  }
}
