package io.relayagent.mesh.tunnel;

import io.netty.buffer.ByteBuf;

/**
 * Finds where the first request head ends and checks its raw bytes for what Netty's HTTP decoder
 * tolerates but a proxy must not: obs-fold (a header line starting with whitespace, which the
 * decoder silently joins to the previous one), bare CR or LF line ends, whitespace before a
 * header's colon, control characters and bytes outside ASCII. It also bounds the head's size, so
 * that the bytes held back until the head is complete stay small.
 *
 * <p>Feed it the same growing buffer (head first) until it answers other than {@link
 * Result#NEED_MORE}; it scans each byte once.
 */
final class HeadScanner {

  static final int MAX_REQUEST_LINE = 2048;
  static final int MAX_HEADERS = 8192;

  enum Result {
    NEED_MORE,
    COMPLETE,
    MALFORMED
  }

  private int position;
  private int lineStart;
  private int headersStart = -1;
  private boolean colonSeen;
  private boolean afterCr;
  private String problem;

  /** Scans the bytes of {@code head} (from its reader index) not scanned yet. */
  Result scan(ByteBuf head) {
    int end = head.writerIndex() - head.readerIndex();
    while (position < end) {
      byte b = head.getByte(head.readerIndex() + position);
      position++;
      Result result = afterCr ? lineEnd(b) : character(b);
      if (result != Result.NEED_MORE) {
        return result;
      }
      // A CR just read ends its line: it is not part of the request line, and the CR of the final
      // empty line is not part of the header section (the header lines with their CRLFs).
      int pendingCr = afterCr ? 1 : 0;
      if (headersStart < 0 && position - lineStart - pendingCr > MAX_REQUEST_LINE) {
        return malformed("request line longer than " + MAX_REQUEST_LINE + " bytes");
      }
      boolean emptyLine = afterCr && position - 1 == lineStart;
      if (headersStart >= 0 && position - headersStart - (emptyLine ? 1 : 0) > MAX_HEADERS) {
        return malformed("header section longer than " + MAX_HEADERS + " bytes");
      }
    }
    return Result.NEED_MORE;
  }

  /** The head's length in bytes, its final empty line included, once {@link Result#COMPLETE}. */
  int headLength() {
    return position;
  }

  /** What is wrong, once {@link Result#MALFORMED}. */
  String problem() {
    return problem;
  }

  private Result character(byte b) {
    boolean atLineStart = position - 1 == lineStart;
    if (b == '\r') {
      afterCr = true;
      return Result.NEED_MORE;
    }
    if (b == '\n') {
      return malformed("a line ends in a bare LF (lines must end in CRLF)");
    }
    if (b < 0) {
      return malformed("a byte outside ASCII");
    }
    if ((b < 0x20 && b != '\t') || b == 0x7f) {
      return malformed("a control character");
    }
    boolean whitespace = b == ' ' || b == '\t';
    if (atLineStart && whitespace) {
      return malformed(
          headersStart < 0
              ? "whitespace before the request line"
              : "a folded header line (obs-fold)");
    }
    if (headersStart >= 0 && !colonSeen) {
      if (b == ':') {
        if (atLineStart) {
          return malformed("a header without a name");
        }
        colonSeen = true;
      } else if (whitespace) {
        return malformed("whitespace in a header name or before its colon");
      }
    }
    return Result.NEED_MORE;
  }

  private Result lineEnd(byte b) {
    afterCr = false;
    if (b != '\n') {
      return malformed("a bare CR (lines must end in CRLF)");
    }
    boolean empty = position - 2 == lineStart;
    if (empty) {
      return headersStart < 0
          ? malformed("an empty line before the request line")
          : Result.COMPLETE;
    }
    if (headersStart >= 0 && !colonSeen) {
      return malformed("a header line without a colon");
    }
    lineStart = position;
    colonSeen = false;
    if (headersStart < 0) {
      headersStart = position;
    }
    return Result.NEED_MORE;
  }

  private Result malformed(String what) {
    problem = what;
    return Result.MALFORMED;
  }
}
