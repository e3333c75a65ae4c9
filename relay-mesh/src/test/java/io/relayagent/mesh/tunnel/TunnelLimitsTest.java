package io.relayagent.mesh.tunnel;

import static io.relayagent.mesh.tunnel.RelayFixture.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection limit, upstream failures (502 with a reason), and the graceful stop. */
class TunnelLimitsTest {

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();

  @Test
  void connect_atConnectionLimit_gets503() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        RelayFixture relay =
            RelayFixture.start(
                hosts.pki(),
                RelayFixture.settings().withMaxConnections(2),
                null,
                SERVER_NAME + ":" + echo.port())) {
      RawClient first = openTunnel(relay, echo);
      RawClient second = openTunnel(relay, echo);
      assertThat(relay.server.load()).isEqualTo(2);
      assertThat(relay.server.capacity()).isEqualTo(2);

      try (RawClient third = relay.agent()) {
        RawClient.Answer answer = third.send(connect(echo)).readAnswer();
        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 503 Service Unavailable");
        assertThat(answer.text()).contains("connection limit (2)");
        assertThat(third.closedByPeer()).isTrue();
      }
      assertThat(echo.accepted()).isEqualTo(2);

      first.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> relay.server.load() == 1);
      try (RawClient again = openTunnel(relay, echo)) {
        again.send("ok");
        assertThat(again.readExactly(2)).isEqualTo("ok".getBytes(StandardCharsets.US_ASCII));
        assertThat(relay.server.load()).isEqualTo(2);
      }
      second.close();
    }
  }

  @Test
  void connect_upstreamRefuses_gets502WithReason() throws Exception {
    try (FakeUpstream refusing = FakeUpstream.start(FakeUpstream.Mode.REFUSES);
        RelayFixture relay =
            RelayFixture.start(
                hosts.pki(), RelayFixture.settings(), null, SERVER_NAME + ":" + refusing.port())) {
      String site = SERVER_NAME + ":" + refusing.port();
      RawClient.Answer answer = ask(relay, site);
      assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 502 Bad Gateway");
      assertThat(answer.text()).isEqualTo("connection refused by " + site + "\n");
      assertThat(logs.linesContaining("refused 502")).hasSize(1);
    }
  }

  @Test
  void connect_upstreamNeverAnswers_gets502AfterConnectTimeout() throws Exception {
    try (Blackhole blackhole = new Blackhole()) {
      String site = SERVER_NAME + ":" + blackhole.port();
      try (RelayFixture relay =
          RelayFixture.start(
              hosts.pki(),
              RelayFixture.settings().withConnectTimeout(Duration.ofMillis(500)),
              null,
              site)) {
        long start = System.nanoTime();
        RawClient.Answer answer = ask(relay, site);
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.text()).isEqualTo("no answer from " + site + " within 500 ms\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      }
    }
  }

  @Test
  void connect_unresolvableSite_gets502WithReason() throws Exception {
    String site = "nowhere.example.test:443";
    try (RelayFixture relay =
        RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, site)) {
      RawClient.Answer answer = ask(relay, site);
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.text()).isEqualTo("cannot resolve nowhere.example.test\n");
    }
  }

  @Test
  void connect_upstreamClosesAtOnce_agentSeesTheEnd() throws Exception {
    try (FakeUpstream closer = FakeUpstream.start(FakeUpstream.Mode.CLOSES_AT_ONCE);
        RelayFixture relay =
            RelayFixture.start(
                hosts.pki(), RelayFixture.settings(), null, SERVER_NAME + ":" + closer.port())) {
      RawClient client = openTunnel(relay, closer);
      try {
        assertThat(client.closedByPeer()).isTrue();
        // The upstream's end is passed on as a half-close; the tunnel goes once the agent closes.
        assertThat(relay.server.load()).isEqualTo(1);
      } finally {
        client.close();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> relay.server.load() == 0);
    }
  }

  @Test
  void close_stopsAccepting_andDrainClosesTunnelsStillOpen() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO)) {
      RelayFixture relay =
          RelayFixture.start(
              hosts.pki(), RelayFixture.settings(), null, SERVER_NAME + ":" + echo.port());
      List<RawClient> open = new ArrayList<>();
      try {
        open.add(openTunnel(relay, echo));
        relay.server.close();
        assertThatThrownBy(() -> new Socket(relay.tls().getAddress(), relay.tls().getPort()))
            .isInstanceOf(ConnectException.class);
        // The open tunnel still works until the drain.
        RawClient client = open.get(0);
        client.send("still here");
        assertThat(new String(client.readExactly(10), StandardCharsets.US_ASCII))
            .isEqualTo("still here");

        assertThat(relay.server.drain(Duration.ofMillis(300))).isEqualTo(1);
        assertThat(client.closedByPeer()).isTrue();
      } finally {
        for (RawClient client : open) {
          client.close();
        }
      }
    }
  }

  @Test
  void drain_whenTunnelsEndInTime_closesNone() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO)) {
      RelayFixture relay =
          RelayFixture.start(
              hosts.pki(), RelayFixture.settings(), null, SERVER_NAME + ":" + echo.port());
      RawClient client = openTunnel(relay, echo);
      Thread closer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                  client.close();
                } catch (InterruptedException | IOException e) {
                  Thread.currentThread().interrupt();
                }
              });
      closer.start();
      assertThat(relay.server.drain(Duration.ofSeconds(5))).isZero();
      closer.join();
    }
  }

  static RawClient openTunnel(RelayFixture relay, FakeUpstream upstream) throws IOException {
    RawClient client = relay.agent();
    RawClient.Answer answer = client.send(connect(upstream)).readAnswer();
    assertThat(answer.status()).isEqualTo(200);
    return client;
  }

  private static RawClient.Answer ask(RelayFixture relay, String target) throws IOException {
    try (RawClient client = relay.agent()) {
      return client
          .send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
          .readAnswer();
    }
  }

  private static String connect(FakeUpstream upstream) {
    return TunnelDataPathTest.connect(upstream);
  }

  /**
   * A loopback port whose SYNs go unanswered: a listener that never accepts, with its accept queue
   * filled, so the kernel drops further connection attempts as a firewall would.
   */
  static final class Blackhole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    Blackhole() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      for (int i = 0; i < 4; i++) {
        Socket filler = new Socket();
        try {
          filler.connect(server.getLocalSocketAddress(), 200);
        } catch (IOException e) {
          // The queue is full: from here on, connection attempts hang.
        }
        fillers.add(filler);
      }
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket filler : fillers) {
        filler.close();
      }
      server.close();
    }
  }
}
