package io.relayagent.agent.events;

import java.nio.ByteBuffer;

/**
 * Walks the frames of one file. A damaged region in the middle is stepped over by searching for the
 * next intact frame; whatever follows the last intact frame is reported as the tail to cut.
 */
final class FrameScanner {

  /** Receives each intact frame's payload. */
  interface FrameVisitor {
    void frame(long offset, int frameLength, ByteBuffer payload);
  }

  /** Where the intact frames end, and the damaged regions that were stepped over before that. */
  record Scan(long intactEnd, long skippedBytes, int skippedRegions) {}

  private FrameScanner() {}

  static Scan scan(byte[] bytes, FrameVisitor visitor) {
    int at = 0;
    int intactEnd = 0;
    long skippedBytes = 0;
    int skippedRegions = 0;
    while (at < bytes.length) {
      int length = RecordFrames.intactFrameLength(bytes, at, bytes.length);
      if (length < 0) {
        int next = nextIntactFrame(bytes, at + 1);
        if (next < 0) {
          break;
        }
        skippedBytes += next - at;
        skippedRegions++;
        at = next;
        continue;
      }
      visitor.frame(
          at,
          length,
          ByteBuffer.wrap(bytes, at + RecordFrames.HEADER_BYTES, length - RecordFrames.HEADER_BYTES)
              .slice());
      at += length;
      intactEnd = at;
    }
    return new Scan(intactEnd, skippedBytes, skippedRegions);
  }

  private static int nextIntactFrame(byte[] bytes, int from) {
    for (int at = from; at <= bytes.length - RecordFrames.HEADER_BYTES; at++) {
      // The cheap first-byte test keeps the search linear in practice.
      if (bytes[at] == (byte) 0xFE && RecordFrames.intactFrameLength(bytes, at, bytes.length) > 0) {
        return at;
      }
    }
    return -1;
  }
}
