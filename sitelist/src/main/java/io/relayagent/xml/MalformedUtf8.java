package io.relayagent.xml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the first byte that is not UTF-8 is, as a line and a column. The JDK's parser reports a bad
 * byte ("Invalid byte 2 of 3-byte UTF-8 sequence") without a position, which leaves an
 * administrator with a file and no place in it; one flipped bit in a file is exactly this.
 */
final class MalformedUtf8 {

  private MalformedUtf8() {}

  /** The line and column (1-based) of the first malformed sequence, if there is one. */
  static Optional<int[]> position(byte[] content) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      return Optional.empty();
    }
    out.flip();
    int line = 1;
    int column = 1;
    while (out.hasRemaining()) {
      if (out.get() == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return Optional.of(new int[] {line, column});
  }
}
