package io.relayagent.files;

import java.nio.ByteBuffer;

/**
 * Walks the frames of a whole file held in memory. Where frames carry a magic, a damaged region in
 * the middle is stepped over by searching for the next intact frame; without one, the first damaged
 * frame ends the scan. Whatever follows the last intact frame is reported as the tail to cut.
 *
 * <pre>{@code
 * RecordScanner.Scan scan =
 *     new RecordScanner(format).scan(bytes, (offset, length, payload) -> replay(payload));
 * if (scan.intactEnd() < bytes.length) { ... cut the torn tail ... }
 * }</pre>
 */
public final class RecordScanner {

  /** Receives each intact frame's payload. */
  @FunctionalInterface
  public interface FrameVisitor {
    void frame(long offset, int frameLength, ByteBuffer payload);
  }

  /** Where the intact frames end, and the damaged regions that were stepped over before that. */
  public record Scan(long intactEnd, long skippedBytes, int skippedRegions) {}

  private final RecordFormat format;

  public RecordScanner(RecordFormat format) {
    this.format = format;
  }

  public Scan scan(byte[] bytes, FrameVisitor visitor) {
    int at = 0;
    int intactEnd = 0;
    long skippedBytes = 0;
    int skippedRegions = 0;
    while (at < bytes.length) {
      int length = format.intactFrameLength(bytes, at, bytes.length);
      if (length < 0) {
        int next = format.hasMagic() ? nextIntactFrame(bytes, at + 1) : -1;
        if (next < 0) {
          break;
        }
        skippedBytes += next - at;
        skippedRegions++;
        at = next;
        continue;
      }
      int header = format.headerBytes();
      visitor.frame(at, length, ByteBuffer.wrap(bytes, at + header, length - header).slice());
      at += length;
      intactEnd = at;
    }
    return new Scan(intactEnd, skippedBytes, skippedRegions);
  }

  private int nextIntactFrame(byte[] bytes, int from) {
    for (int at = from; at <= bytes.length - format.headerBytes(); at++) {
      // The cheap first-byte test keeps the search linear in practice.
      if (format.mayStartWith(bytes[at]) && format.intactFrameLength(bytes, at, bytes.length) > 0) {
        return at;
      }
    }
    return -1;
  }
}
