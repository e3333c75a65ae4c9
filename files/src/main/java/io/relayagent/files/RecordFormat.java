package io.relayagent.files;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of a record log: {@code [magic][length][crc][payload]}, each header field a
 * big-endian 32-bit integer, the CRC32C covering the length's 4 bytes followed by the payload.
 * Because the checksum covers the length too, a torn or damaged header is caught, not taken for a
 * huge record.
 *
 * <p>The magic is optional: it makes the search for the next intact record after a damaged one
 * ({@link RecordScanner}) cheap, as few offsets start with it. Without one, that search relies on
 * the checksum alone, which suits payloads that never hold a NUL byte (see {@link RecordScanner}).
 * The agent's event queue has a magic, the server's event log has none; the two differ in nothing
 * else.
 *
 * <pre>{@code
 * RecordFormat format = RecordFormat.withMagic(0xFE_45_51_01, 8 << 20);
 * ByteBuffer frame = format.frame(payload); // then AppendOnlyFile.append(frame)
 * }</pre>
 */
public final class RecordFormat {
  private static final int FIELD_BYTES = 4;

  private final boolean hasMagic;
  private final int magic;
  private final int maxPayloadBytes;

  private RecordFormat(boolean hasMagic, int magic, int maxPayloadBytes) {
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("maximum payload was " + maxPayloadBytes + " bytes");
    }
    this.hasMagic = hasMagic;
    this.magic = magic;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** Frames that start with {@code magic}; its first byte should never start a payload. */
  public static RecordFormat withMagic(int magic, int maxPayloadBytes) {
    return new RecordFormat(true, magic, maxPayloadBytes);
  }

  /** Frames of length, checksum and payload only. */
  public static RecordFormat withoutMagic(int maxPayloadBytes) {
    return new RecordFormat(false, 0, maxPayloadBytes);
  }

  public int headerBytes() {
    return hasMagic ? 3 * FIELD_BYTES : 2 * FIELD_BYTES;
  }

  /** No record is larger; a length field above this is damage, not a record. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  boolean hasMagic() {
    return hasMagic;
  }

  /** Whether a frame could start with this byte: a cheap test before a full check. */
  boolean mayStartWith(byte first) {
    return !hasMagic || first == (byte) (magic >>> 24);
  }

  /** The whole frame for a payload, ready to write. */
  public ByteBuffer frame(byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(headerBytes() + payload.length);
    encode(payload, frame);
    return frame.flip();
  }

  /**
   * Puts the frame for {@code payload} into {@code out}, which must have room.
   *
   * @throws IllegalArgumentException if the payload is empty or larger than the maximum
   */
  public void encode(byte[] payload, ByteBuffer out) {
    if (payload.length == 0 || payload.length > maxPayloadBytes) {
      throw new IllegalArgumentException(
          "a record holds 1 to " + maxPayloadBytes + " bytes, not " + payload.length);
    }
    if (hasMagic) {
      out.putInt(magic);
    }
    out.putInt(payload.length).putInt(crc(payload.length, payload, 0)).put(payload);
  }

  /**
   * The length of the intact frame that starts at {@code at}, or -1 if none starts there (bad
   * magic, implausible length, frame running past {@code end}, or a CRC mismatch).
   */
  public int intactFrameLength(byte[] bytes, int at, int end) {
    if (end - at < headerBytes()) {
      return -1;
    }
    int length = payloadLength(ByteBuffer.wrap(bytes, at, headerBytes()));
    if (length < 0 || length > end - at - headerBytes()) {
      return -1;
    }
    int stored = ByteBuffer.wrap(bytes, at + headerBytes() - FIELD_BYTES, FIELD_BYTES).getInt();
    return crc(length, bytes, at + headerBytes()) == stored ? headerBytes() + length : -1;
  }

  /** The payload length a header gives, or -1 if the header is not plausible. */
  int payloadLength(ByteBuffer header) {
    if (hasMagic && header.getInt() != magic) {
      return -1;
    }
    int length = header.getInt();
    return length > 0 && length <= maxPayloadBytes ? length : -1;
  }

  /** Whether {@code payload} matches the checksum in its frame's {@code header}. */
  boolean checksumMatches(byte[] header, byte[] payload) {
    int stored = ByteBuffer.wrap(header, headerBytes() - FIELD_BYTES, FIELD_BYTES).getInt();
    return crc(payload.length, payload, 0) == stored;
  }

  private static int crc(int length, byte[] payload, int offset) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(FIELD_BYTES).putInt(0, length));
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }
}
