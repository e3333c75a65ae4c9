package io.relayagent.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the frames of a record log, the one home of recovery's reading rules for every log. A
 * damaged frame in the middle (a flipped bit, a bad block) is stepped over by searching for the
 * next intact frame, so it costs that frame alone; what follows the last intact frame is the tail,
 * told apart as {@link Tail#TORN} (an append the crash interrupted: a frame that runs past the end,
 * or zeros) or {@link Tail#DAMAGED} (whole in length, yet failing its checksum: a record that may
 * have been acknowledged).
 *
 * <p>The search tests every offset: a candidate must have a plausible header and a payload that
 * matches its CRC32C, which covers the length too, so a false frame has a chance of 2<sup>-32</sup>
 * per plausible offset. A magic makes plausible offsets rare; without one, a format whose payloads
 * never hold a NUL byte (UTF-8 JSON) gets the same effect, because a length below 16 MiB starts
 * with one.
 *
 * <pre>{@code
 * RecordScanner.Scan scan = new RecordScanner(format).scan(channel, (offset, length, payload) -> replay(payload));
 * scan.damaged().forEach(d -> log.warn("damaged record skipped at offset {}", d.offset()));
 * if (scan.tail() != RecordScanner.Tail.NONE) { ... cut from scan.intactEnd() ... }
 * }</pre>
 */
public final class RecordScanner {

  /** Receives each intact frame's payload. */
  @FunctionalInterface
  public interface FrameVisitor {
    void frame(long offset, int frameLength, ByteBuffer payload);
  }

  /** A damaged region in the middle, stepped over: usually one record. */
  public record Damage(long offset, long bytes) {}

  /** What follows the last intact frame. */
  public enum Tail {
    /** Nothing: the log ends with an intact frame. */
    NONE,
    /** An incomplete frame or zeros: an append a crash interrupted, so never acknowledged. */
    TORN,
    /** Bytes of full length that are no intact frame: damage, not an interrupted append. */
    DAMAGED
  }

  /** Where the intact frames end, the damaged regions stepped over before that, and the tail. */
  public record Scan(long intactEnd, long size, List<Damage> damaged, Tail tail) {
    public Scan {
      damaged = List.copyOf(damaged);
    }

    public int skippedRegions() {
      return damaged.size();
    }

    public long skippedBytes() {
      return damaged.stream().mapToLong(Damage::bytes).sum();
    }

    /** The bytes after the last intact frame, to cut. */
    public long tailBytes() {
      return size - intactEnd;
    }
  }

  private final RecordFormat format;

  public RecordScanner(RecordFormat format) {
    this.format = format;
  }

  /** Scans a whole file held in memory. */
  public Scan scan(byte[] bytes, FrameVisitor visitor) {
    try {
      return scan(new FrameSource.OfArray(bytes), visitor);
    } catch (IOException e) {
      throw new IllegalStateException("reading an array cannot fail", e);
    }
  }

  /** Scans a file through its channel, without holding it in memory. */
  public Scan scan(FileChannel channel, FrameVisitor visitor) throws IOException {
    return scan(new FrameSource.OfChannel(channel), visitor);
  }

  private Scan scan(FrameSource source, FrameVisitor visitor) throws IOException {
    long size = source.size();
    long at = 0;
    List<Damage> damaged = new ArrayList<>();
    while (at < size) {
      byte[] payload = intactPayload(source, at, size);
      if (payload != null) {
        visitor.frame(at, format.headerBytes() + payload.length, ByteBuffer.wrap(payload));
        at += format.headerBytes() + payload.length;
        continue;
      }
      long next = nextIntactFrame(source, at + 1, size);
      if (next < 0) {
        return new Scan(at, size, damaged, torn(source, at, size) ? Tail.TORN : Tail.DAMAGED);
      }
      damaged.add(new Damage(at, next - at));
      at = next;
    }
    return new Scan(at, size, damaged, Tail.NONE);
  }

  /** The payload of the intact frame at {@code at}, or null if none starts there. */
  private byte[] intactPayload(FrameSource source, long at, long size) throws IOException {
    int length = plausibleLength(source, at, size);
    if (length < 0) {
      return null;
    }
    byte[] frame = source.read(at, format.headerBytes() + length);
    return format.intactFrameLength(frame, 0, frame.length) == frame.length
        ? Arrays.copyOfRange(frame, format.headerBytes(), frame.length)
        : null;
  }

  /** The payload length the header at {@code at} gives if its frame fits the file, else -1. */
  private int plausibleLength(FrameSource source, long at, long size) throws IOException {
    if (size - at < format.headerBytes() || !format.mayStartWith(source.byteAt(at))) {
      return -1;
    }
    int length = format.payloadLength(ByteBuffer.wrap(source.read(at, format.headerBytes())));
    return length >= 0 && length <= size - at - format.headerBytes() ? length : -1;
  }

  private long nextIntactFrame(FrameSource source, long from, long size) throws IOException {
    for (long at = from; at <= size - format.headerBytes(); at++) {
      if (intactPayload(source, at, size) != null) {
        return at;
      }
    }
    return -1;
  }

  /**
   * Whether the tail at {@code at} is what an interrupted append leaves: a header cut short, a
   * frame running past the end, or zeros (a file system that grew the file before writing it). A
   * frame that seems to run past the end but whose checksum matches the bytes that are there is a
   * whole record with a damaged length field, not a torn one.
   */
  private boolean torn(FrameSource source, long at, long size) throws IOException {
    long rest = size - at - format.headerBytes();
    if (rest < 0) {
      return true;
    }
    byte[] header = source.read(at, format.headerBytes());
    int length = format.payloadLength(ByteBuffer.wrap(header));
    if (length >= 0 && length > rest) {
      return rest == 0
          || rest > format.maxPayloadBytes()
          || !format.checksumMatches(header, source.read(at + format.headerBytes(), (int) rest));
    }
    for (long position = at; position < size; position++) {
      if (source.byteAt(position) != 0) {
        return false;
      }
    }
    return true;
  }
}
