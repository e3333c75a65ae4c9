package io.relayagent.server.events;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The record format of {@code events.log}: a 4-byte length {@code n} (big-endian, 1 to {@link
 * #MAX_PAYLOAD}), a 4-byte CRC32C of the length's 4 bytes followed by the payload, then {@code n}
 * bytes of payload (one event as UTF-8 JSON). The checksum covers the length too, so a torn or
 * damaged header is caught, not taken for a huge record.
 */
final class EventLogFormat {
  static final int HEADER_BYTES = 8;

  /** Larger than any event a 4 MiB batch can carry. */
  static final int MAX_PAYLOAD = 8 * 1024 * 1024;

  private EventLogFormat() {}

  /** Appends one record of {@code payload} to {@code out}, which must have room. */
  static void encode(byte[] payload, ByteBuffer out) {
    if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("a record holds 1 to " + MAX_PAYLOAD + " bytes");
    }
    out.putInt(payload.length);
    out.putInt(checksum(payload.length, payload));
    out.put(payload);
  }

  static int checksum(int length, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(payload);
    return (int) crc.getValue();
  }

  static boolean validLength(int length) {
    return length > 0 && length <= MAX_PAYLOAD;
  }
}
