package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.relayagent.mesh.tunnel.HeadScanner.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scanner fed the way the guard feeds it: one growing buffer, a fragment at a time. */
class HeadScannerTest {

  private static final String HEAD = "CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n";

  @Test
  void scan_headOneByteAtATime_isCompleteExactlyAtTheBlankLine() {
    HeadScanner scanner = new HeadScanner();
    ByteBuf growing = Unpooled.buffer();
    try {
      byte[] bytes = (HEAD + "tunnel bytes").getBytes(StandardCharsets.ISO_8859_1);
      int fed = 0;
      Result result = Result.NEED_MORE;
      while (result == Result.NEED_MORE) {
        growing.writeByte(bytes[fed++]);
        result = scanner.scan(growing);
      }
      assertThat(result).isEqualTo(Result.COMPLETE);
      assertThat(fed).isEqualTo(HEAD.length());
      assertThat(scanner.headLength()).isEqualTo(HEAD.length());
    } finally {
      growing.release();
    }
  }

  @Test
  void scan_fromTheReaderIndex_ignoresBytesAlreadyRead() {
    ByteBuf buffer = Unpooled.copiedBuffer("xx" + HEAD, StandardCharsets.ISO_8859_1);
    try {
      buffer.skipBytes(2);
      HeadScanner scanner = new HeadScanner();
      assertThat(scanner.scan(buffer)).isEqualTo(Result.COMPLETE);
      assertThat(scanner.headLength()).isEqualTo(HEAD.length());
    } finally {
      buffer.release();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CONNECT a:1 HTTP/1.1\\nHost: a\\r\\n\\r\\n | a line ends in a bare LF",
        "CONNECT a:1 HTTP/1.1\\rHost: a\\r\\n\\r\\n | a bare CR",
        "CONNECT a:1 HTTP/1.1\\r\\nHost: a\\r\\n extra\\r\\n\\r\\n | a folded header line",
        "CONNECT a:1 HTTP/1.1\\r\\nHost : a\\r\\n\\r\\n | whitespace in a header name",
        "CONNECT a:1 HTTP/1.1\\r\\nHost a\\r\\n\\r\\n | whitespace in a header name",
        "CONNECT a:1 HTTP/1.1\\r\\nHost\\r\\n\\r\\n | a header line without a colon",
        "CONNECT a:1 HTTP/1.1\\r\\n: a\\r\\n\\r\\n | a header without a name",
        "CONNECT a:1 HTTP/1.1\\r\\nHost: a\\u0000\\r\\n\\r\\n | a control character",
        "CONNECT a:1 HTTP/1.1\\r\\nHost: \\u00e9\\r\\n\\r\\n | a byte outside ASCII",
        "\\r\\nCONNECT a:1 HTTP/1.1\\r\\n\\r\\n | an empty line before the request line",
        "' CONNECT a:1 HTTP/1.1\\r\\n\\r\\n' | whitespace before the request line",
      })
  void scan_whatNettyTolerates_isMalformedNamingWhy(String escaped, String problem) {
    HeadScanner scanner = new HeadScanner();
    ByteBuf head = Unpooled.copiedBuffer(unescape(escaped), StandardCharsets.ISO_8859_1);
    try {
      assertThat(scanner.scan(head)).isEqualTo(Result.MALFORMED);
      assertThat(scanner.problem()).startsWith(problem);
    } finally {
      head.release();
    }
  }

  @Test
  void scan_requestLineAtTheLimit_isAccepted_andOneByteMoreIsNot() {
    String target = "a".repeat(HeadScanner.MAX_REQUEST_LINE - "CONNECT  HTTP/1.1".length());
    assertThat(scanAll("CONNECT " + target + " HTTP/1.1\r\n\r\n")).isEqualTo(Result.COMPLETE);

    HeadScanner scanner = new HeadScanner();
    ByteBuf longer =
        Unpooled.copiedBuffer(
            "CONNECT " + target + "a HTTP/1.1\r\n\r\n", StandardCharsets.ISO_8859_1);
    try {
      assertThat(scanner.scan(longer)).isEqualTo(Result.MALFORMED);
      assertThat(scanner.problem()).isEqualTo("request line longer than 2048 bytes");
    } finally {
      longer.release();
    }
  }

  @Test
  void scan_headerSectionAtTheLimit_isAccepted_andOneByteMoreIsNot() {
    String requestLine = "CONNECT a:1 HTTP/1.1\r\n";
    String field = "X: " + "v".repeat(HeadScanner.MAX_HEADERS - "X: \r\n".length()) + "\r\n";
    assertThat(field).hasSize(HeadScanner.MAX_HEADERS);
    assertThat(scanAll(requestLine + field + "\r\n")).isEqualTo(Result.COMPLETE);

    String longer = "X: v" + field.substring(3);
    assertThat(scanAll(requestLine + longer + "\r\n")).isEqualTo(Result.MALFORMED);
  }

  @Test
  void scan_headerSectionOverTheLimit_isMalformedBeforeItEnds() {
    HeadScanner scanner = new HeadScanner();
    ByteBuf head = Unpooled.buffer();
    try {
      head.writeCharSequence("CONNECT a:1 HTTP/1.1\r\n", StandardCharsets.ISO_8859_1);
      Result result = scanner.scan(head);
      for (int i = 0; result == Result.NEED_MORE && i < 1000; i++) {
        head.writeCharSequence(
            "X-Filler-" + i + ": " + "v".repeat(40) + "\r\n", StandardCharsets.ISO_8859_1);
        result = scanner.scan(head);
      }
      assertThat(result).isEqualTo(Result.MALFORMED);
      assertThat(scanner.problem()).isEqualTo("header section longer than 8192 bytes");
      assertThat(head.readableBytes()).isLessThan(HeadScanner.MAX_HEADERS + 200);
    } finally {
      head.release();
    }
  }

  private static Result scanAll(String head) {
    ByteBuf buffer = Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1);
    try {
      return new HeadScanner().scan(buffer);
    } finally {
      buffer.release();
    }
  }

  private static String unescape(String escaped) {
    return escaped
        .replace("\\r", "\r")
        .replace("\\n", "\n")
        .replace("\\u0000", "\u0000")
        .replace("\\u00e9", "\u00e9");
  }
}
