package io.relayagent.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP head read byte by byte up to its blank line (no byte of the body is consumed), bounded,
 * with its header fields by lower-case name (the last of a repeated name wins).
 *
 * @param text the head exactly as received, its final CRLF CRLF included
 */
record RawHead(String text, Map<String, String> headers) {

  static final int MAX_BYTES = 64 * 1024;

  static RawHead read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(
            "closed after "
                + bytes.size()
                + " bytes of a head: "
                + bytes.toString(StandardCharsets.ISO_8859_1));
      }
      if (bytes.size() == MAX_BYTES) {
        throw new IOException("a head longer than " + MAX_BYTES + " bytes");
      }
      bytes.write(b);
      last4 = (last4 << 8) | b;
    }
    String text = bytes.toString(StandardCharsets.ISO_8859_1);
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = text.split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new RawHead(text, Map.copyOf(headers));
  }

  String firstLine() {
    return text.substring(0, text.indexOf("\r\n"));
  }

  /** The field named {@code name} (any case), or {@code null}. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
