package io.relayagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.server.ServerFixture;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
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
    agentTls = fixture.tls(fixture.material(Role.AGENT, "agent-1"));
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
    try (RawClient client = connect()) {
      RawClient.Answer refusal =
          client
              .send(
                  "POST /agent/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
              .readAnswer();
      String next =
          client
              .send("GET /repo/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .readToEnd();

      assertThat(refusal.statusLine()).startsWith("HTTP/1.1 413 ");
      assertThat(refusal.text()).endsWith("{\"error\":\"the body is larger than 4194304 bytes\"}");
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
    try (RawClient client = connect()) {
      long start = System.nanoTime();
      assertThat(client.closedByPeer()).isTrue();
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

  /** Sends {@code request} and reads until the server closes the connection. */
  private String exchange(String request) throws IOException {
    try (RawClient client = connect()) {
      return client.send(request).readToEnd();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open", e);
    }
  }

  /** A TLS connection as agent-1, its handshake done, reads waiting at most 5 s. */
  private RawClient connect() throws IOException {
    return RawClient.tls(
            agentTls.context().getSocketFactory(),
            agentTls.parameters(),
            new InetSocketAddress("127.0.0.1", fixture.server().port()))
        .timeout(Duration.ofSeconds(5));
  }
}
