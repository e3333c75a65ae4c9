package io.relayagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.server.ServerFixture;
import io.relayagent.trust.JdkClientTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounds on what one connection may send, and how slowly, checked with a raw TLS socket. */
class RequestLimitsTest {
  @TempDir Path dir;
  private ServerFixture fixture;
  private JdkClientTls agentTls;

  @BeforeEach
  void start() throws Exception {
    fixture =
        ServerFixture.prepare(dir)
            .customise(
                settings ->
                    settings.withLimits(
                        settings.limits().withRequestTimeout(Duration.ofMillis(500))))
            .start();
    agentTls = fixture.tls(fixture.pki.agent("agent-1"));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void headOver8KiB_is431() throws Exception {
    String answer =
        exchange(
            "GET /agent/v1/policy HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(7000) + "\r\n\r\n");

    assertThat(answer)
        .startsWith("HTTP/1.1 431 ")
        .contains("{\"error\":\"the request head is too large\"}");
  }

  @Test
  void requestLineOver2KiB_is414() throws Exception {
    String answer = exchange("GET /repo/" + "a".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 414 ");
  }

  @Test
  void bodyAnnouncedOver4MiB_withExpectContinue_is413BeforeItIsSent_andTheConnectionServesOn()
      throws Exception {
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /agent/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String refusal = readAnswer(socket.getInputStream());
      out.write(
          "GET /repo/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String next = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(refusal)
          .startsWith("HTTP/1.1 413 ")
          .endsWith("{\"error\":\"the body is larger than 4194304 bytes\"}");
      assertThat(next).startsWith("HTTP/1.1 200 ").endsWith("hello");
    }
  }

  @Test
  void bodyThatDoesNotArriveInTime_is408AndTheConnectionCloses() throws Exception {
    String answer =
        exchange(
            "POST /agent/v1/status HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"agentId\":");

    assertThat(answer).startsWith("HTTP/1.1 408 ").contains("took too long");
  }

  @Test
  void idleConnection_isClosedAfterTheTimeout() throws Exception {
    try (SSLSocket socket = connect()) {
      socket.startHandshake();
      long start = System.nanoTime();
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder_onOneConnection() throws Exception {
    String answer =
        exchange(
            "GET /repo/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /repo/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /repo/engines/engine-1.dat HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    int first = answer.indexOf("HTTP/1.1 200 ");
    int second = answer.indexOf("HTTP/1.1 404 ");
    int third = answer.lastIndexOf("HTTP/1.1 200 ");
    assertThat(first).isZero();
    assertThat(second).isGreaterThan(first);
    assertThat(third).isGreaterThan(second);
    assertThat(answer).endsWith("0123456789abcdef");
  }

  /** Reads one answer with a {@code Content-Length}: its head and body. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int at = text.toLowerCase(Locale.ROOT).indexOf("content-length: ");
    int length = Integer.parseInt(text.substring(at + 16, text.indexOf('\r', at)));
    return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  /** Sends {@code request} and reads until the server closes the connection. */
  private String exchange(String request) throws IOException {
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          answer.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept the connection open: " + answer, e);
      }
      return answer.toString(StandardCharsets.US_ASCII);
    }
  }

  private SSLSocket connect() throws IOException {
    SSLSocket socket =
        (SSLSocket)
            agentTls
                .context()
                .getSocketFactory()
                .createSocket("127.0.0.1", fixture.server().port());
    socket.setSSLParameters(agentTls.parameters());
    socket.setSoTimeout(5000);
    return socket;
  }
}
