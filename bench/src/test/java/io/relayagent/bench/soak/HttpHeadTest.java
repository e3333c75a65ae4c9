package io.relayagent.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTest {

  @Test
  void read_stopsAtTheBlankLine_leavingTheBodyInTheStream() throws IOException {
    InputStream in =
        stream("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nRepr-Digest: sha-256=:x:\r\n\r\nhello");

    HttpHead head = HttpHead.read(in);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.contentLength()).hasValue(5);
    assertThat(head.headers()).containsEntry("repr-digest", "sha-256=:x:");
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
  }

  @Test
  void read_connectAnswer_withoutHeaders() throws IOException {
    InputStream in = stream("HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003");

    assertThat(HttpHead.read(in).status()).isEqualTo(200);
    assertThat(in.available()).isEqualTo(2);
  }

  @Test
  void read_crInsideAHeaderValue_doesNotEndTheHead() throws IOException {
    HttpHead head = HttpHead.read(stream("HTTP/1.1 403 Forbidden\r\nX: a\rb\r\n\r\n"));

    assertThat(head.status()).isEqualTo(403);
  }

  @Test
  void read_streamEndsInTheHead_isAnEof() {
    assertThatThrownBy(() -> HttpHead.read(stream("HTTP/1.1 200 OK\r\nContent-")))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void read_notHttp_isRefused() {
    assertThatThrownBy(() -> HttpHead.read(stream("SSH-2.0-OpenSSH\r\n\r\n")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("status line");
  }

  @Test
  void read_endlessHead_isRefusedAfter16KiB() {
    assertThatThrownBy(() -> HttpHead.read(stream("HTTP/1.1 200 OK\r\nX: " + "a".repeat(20_000))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void contentLength_missingOrMalformed_isEmpty() throws IOException {
    assertThat(HttpHead.parse("HTTP/1.1 204 No Content\r\n").contentLength()).isEmpty();
    assertThat(HttpHead.parse("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n").contentLength())
        .isEmpty();
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
