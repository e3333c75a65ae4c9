package io.relayagent.bench.soak;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The head of an HTTP/1.1 answer read from a raw socket, byte by byte up to its blank line, so that
 * what follows (a tunnel's first bytes, a body) stays in the stream. For the load hosts that speak
 * to relays without an HTTP client: a {@code CONNECT}'s answer, a content answer on a connection
 * that is then half-closed.
 */
record HttpHead(int status, Map<String, String> headers) {
  private static final int MAX_BYTES = 16 * 1024;

  /**
   * @throws EOFException if the stream ends before the blank line
   * @throws IOException if the head is longer than 16 KiB or not an HTTP/1.x status line
   */
  static HttpHead read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0; // bytes of CR LF CR LF seen in a row
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection ended before the answer's head did");
      }
      head.write(b);
      if (head.size() > MAX_BYTES) {
        throw new IOException("an answer head longer than " + MAX_BYTES + " bytes");
      }
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return parse(head.toString(StandardCharsets.ISO_8859_1));
  }

  static HttpHead parse(String text) throws IOException {
    String[] lines = text.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + lines[0]);
    }
    int code;
    try {
      code = Integer.parseInt(status[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not a status code: " + lines[0], e);
    }
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new HttpHead(code, headers);
  }

  /** {@code Content-Length}, if the answer has a valid one. */
  OptionalLong contentLength() {
    String value = headers.get("content-length");
    if (value == null || !value.matches("[0-9]{1,18}")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(value));
  }
}
