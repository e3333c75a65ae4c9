package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Whatever bytes a client sends first, the scanner's verdict is the one a plain reading of the
 * rules gives (checked here line by line, independently of the scanner's state machine), within its
 * bounds, and the same however the bytes are split across reads.
 */
class HeadScannerFuzzTest {

  /** Visible ASCII first, then visible ASCII, space and tab. */
  private static final Pattern REQUEST_LINE = Pattern.compile("[!-~][ -~\t]*");

  /** A name of visible ASCII but the colon, the colon, then visible ASCII, space and tab. */
  private static final Pattern HEADER_LINE = Pattern.compile("[!-9;-~]+:[ -~\t]*");

  private static final Pattern NAME = Pattern.compile("[!-9;-~]+");

  private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @FuzzTest
  void scan_anyBytes_givesTheVerdictOfTheRulesWhateverTheReads(byte[] input) {
    HeadScanner whole = new HeadScanner();
    HeadScanner.Result result = whole.scan(Unpooled.wrappedBuffer(input));

    Verdict expected = Verdict.of(input);
    assertThat(result).as(expected.reason()).isEqualTo(expected.result());
    if (result == HeadScanner.Result.COMPLETE) {
      assertThat(whole.headLength()).isEqualTo(expected.headLength());
    }
    if (result == HeadScanner.Result.MALFORMED) {
      assertThat(whole.problem()).isNotBlank();
    }
    assertByteByByte(input, result, whole);
  }

  /** A second scanner fed one byte a read, behind bytes already consumed, ends the same way. */
  private static void assertByteByByte(
      byte[] input, HeadScanner.Result expected, HeadScanner whole) {
    HeadScanner split = new HeadScanner();
    ByteBuf growing = Unpooled.buffer(input.length + 3);
    growing.writeBytes(new byte[] {'x', 'y', 'z'}).skipBytes(3);
    HeadScanner.Result result = HeadScanner.Result.NEED_MORE;
    for (int i = 0; i < input.length && result == HeadScanner.Result.NEED_MORE; i++) {
      growing.writeByte(input[i]);
      result = split.scan(growing);
    }
    assertThat(result).isEqualTo(expected);
    if (result == HeadScanner.Result.COMPLETE) {
      assertThat(split.headLength()).isEqualTo(whole.headLength());
    }
    if (result == HeadScanner.Result.MALFORMED) {
      assertThat(split.problem()).isEqualTo(whole.problem());
    }
  }

  /** The rules of docs/tunnel-protocol.md ("The request head"), read plainly. */
  private record Verdict(HeadScanner.Result result, int headLength, String reason) {

    static Verdict of(byte[] input) {
      int end = indexOf(input, END);
      String text = new String(input, StandardCharsets.ISO_8859_1);
      String head = end < 0 ? text : text.substring(0, end + 2);
      // Until the end of the head, or of the input, every line must be well formed.
      String[] lines = head.split("\r\n", -1);
      boolean complete = end >= 0;
      int checked = complete ? lines.length - 1 : lines.length;
      int headerBytes = 0;
      for (int i = 0; i < checked; i++) {
        boolean last = !complete && i == lines.length - 1;
        // A CR that ends the input may begin its line's CRLF: the line so far is what precedes it.
        String line =
            last && lines[i].endsWith("\r")
                ? lines[i].substring(0, lines[i].length() - 1)
                : lines[i];
        boolean pendingCr = line.length() != lines[i].length();
        if (i == 0) {
          if (line.length() > HeadScanner.MAX_REQUEST_LINE) {
            return malformed("request line of " + line.length() + " bytes");
          }
          if (!(last
              ? line.isEmpty() || REQUEST_LINE.matcher(line).matches()
              : REQUEST_LINE.matcher(line).matches())) {
            return malformed("request line " + line);
          }
        } else {
          // The header section is the header lines with their CRLFs, a pending CR included, but
          // not the CR of the empty line that ends the head.
          headerBytes += line.length() + (last ? (pendingCr && !line.isEmpty() ? 1 : 0) : 2);
          if (headerBytes > HeadScanner.MAX_HEADERS) {
            return malformed("header section of " + headerBytes + " bytes");
          }
          if (!(last ? isHeaderPrefix(line) : HEADER_LINE.matcher(line).matches())) {
            return malformed("header line " + line);
          }
        }
      }
      return complete
          ? new Verdict(HeadScanner.Result.COMPLETE, end + END.length, "a complete head")
          : new Verdict(HeadScanner.Result.NEED_MORE, -1, "a head not complete yet");
    }

    private static Verdict malformed(String what) {
      return new Verdict(HeadScanner.Result.MALFORMED, -1, "malformed: " + what);
    }

    /** An unfinished header line: its name may still be growing, or its value. */
    private static boolean isHeaderPrefix(String line) {
      return line.indexOf(':') < 0
          ? line.isEmpty() || NAME.matcher(line).matches()
          : HEADER_LINE.matcher(line).matches();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
