package io.relayagent.agent.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The framing of every record in the queue's files: {@code [magic][length][crc][payload]}, each
 * header field a big-endian 32-bit integer, the CRC32C covering the length and the payload.
 *
 * <p>The magic lets recovery find the next intact record after a damaged one; its first byte, 0xFE,
 * never occurs in UTF-8 text, and its last byte is the format version.
 */
final class RecordFrames {

  static final int MAGIC = 0xFE_45_51_01;
  static final int HEADER_BYTES = 12;

  /** No record is larger; a length field above this is damage, not a record. */
  static final int MAX_PAYLOAD_BYTES = 8 << 20;

  private RecordFrames() {}

  /** The whole frame for a payload, ready to write. */
  static ByteBuffer frame(byte[] payload) {
    if (payload.length == 0 || payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("record payload of " + payload.length + " bytes");
    }
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    frame.putInt(MAGIC).putInt(payload.length).putInt(crc(payload.length, payload, 0));
    frame.put(payload).flip();
    return frame;
  }

  /**
   * Writes a frame at {@code offset} (the end of the file) and forces it to disk; returns the new
   * end. If the write fails, the partly written frame is cut off again, so that the next append
   * does not land after garbage.
   */
  static long appendForced(FileChannel channel, long offset, ByteBuffer frame) throws IOException {
    try {
      while (frame.hasRemaining()) {
        channel.write(frame, offset + frame.position());
      }
      channel.force(false);
    } catch (IOException e) {
      try {
        channel.truncate(offset);
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    return offset + frame.limit();
  }

  /**
   * The length of the intact frame that starts at {@code at}, or -1 if none starts there (bad
   * magic, implausible length, frame running past {@code end}, or a CRC mismatch).
   */
  static int intactFrameLength(byte[] bytes, int at, int end) {
    if (end - at < HEADER_BYTES || ByteBuffer.wrap(bytes, at, 4).getInt() != MAGIC) {
      return -1;
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, at + 4, 8);
    int length = header.getInt();
    int crc = header.getInt();
    if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > end - at - HEADER_BYTES) {
      return -1;
    }
    return crc(length, bytes, at + HEADER_BYTES) == crc ? HEADER_BYTES + length : -1;
  }

  private static int crc(int length, byte[] payload, int offset) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(length).flip());
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }
}
