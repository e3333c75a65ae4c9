package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Regression for issue 13, finding 5: TCP connections to the TLS port that never start a handshake
 * took the tunnel connection limit, and agents got 503 until the head timeout. Connections before
 * their head now have a budget of their own, per source and in total.
 */
class UnauthenticatedFloodTest {

  private static final int LIMIT = 4;

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();

  @Test
  void connect_whileOneSourceHoldsSilentConnections_agentGetsItsTunnel() throws Exception {
    List<Socket> silent = new ArrayList<>();
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        RelayFixture relay =
            RelayFixture.start(
                hosts.pki(),
                // A head timeout far beyond the test: only the budget can let the agent in.
                RelayFixture.settings()
                    .withMaxConnections(LIMIT)
                    .withHeadTimeout(Duration.ofSeconds(60)),
                null,
                RelayFixture.SERVER_NAME + ":" + echo.port())) {
      for (int i = 0; i < PreAuthBudget.PER_SOURCE; i++) {
        silent.add(new Socket(relay.tls().getAddress(), relay.tls().getPort()));
      }
      // More than the tunnel limit waits without a handshake, yet none counts as load.
      assertThat(relay.server.load()).isZero();

      // The source's share is full: one more from it is closed at accept. (The relay admits
      // connections on several event loops, so a later one may be admitted before an earlier one
      // is counted: probes that are kept stay open, as an attacker's would.)
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                Socket probe = new Socket(relay.tls().getAddress(), relay.tls().getPort());
                probe.setSoTimeout(300);
                if (readEnd(probe)) {
                  probe.close();
                  return true;
                }
                silent.add(probe);
                return false;
              });
      assertThat(silent).hasSize(PreAuthBudget.PER_SOURCE);

      InetAddress agentSource = InetAddress.getByName("127.0.0.2");
      try (RawClient agent =
          RawClient.tls(
              RelayFixture.toRelay(hosts.pki().material(RelayFixture.AGENT))
                  .context()
                  .getSocketFactory(),
              RelayFixture.toRelay(hosts.pki().material(RelayFixture.AGENT)).parameters(),
              relay.tls(),
              agentSource)) {
        RawClient.Answer answer = agent.send(TunnelDataPathTest.connect(echo)).readAnswer(true);
        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 Connection established");
        assertThat(relay.server.load()).isEqualTo(1);
      }
    } finally {
      for (Socket socket : silent) {
        socket.close();
      }
    }
  }

  @Test
  void silentConnections_closed_giveBackTheirPlaces() throws Exception {
    try (RelayFixture relay =
        RelayFixture.start(
            hosts.pki(), RelayFixture.settings().withHeadTimeout(Duration.ofSeconds(60)), null)) {
      for (int round = 0; round < 3; round++) {
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < PreAuthBudget.PER_SOURCE; i++) {
          silent.add(new Socket(relay.tls().getAddress(), relay.tls().getPort()));
        }
        for (Socket socket : silent) {
          socket.close();
        }
        // The next round from the same source fits again once the relay saw these close.
        await().atMost(Duration.ofSeconds(5)).until(() -> acceptedAndKept(relay));
      }
    }
  }

  /** Whether a new connection from loopback is kept open (not closed at accept) for a moment. */
  private static boolean acceptedAndKept(RelayFixture relay) throws IOException {
    try (Socket probe = new Socket(relay.tls().getAddress(), relay.tls().getPort())) {
      probe.setSoTimeout(300);
      return !readEnd(probe);
    }
  }

  /** Whether the relay closed the connection (end of input or reset) within the read timeout. */
  private static boolean readEnd(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }
}
