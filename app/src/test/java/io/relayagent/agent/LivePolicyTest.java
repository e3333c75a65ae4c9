package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.demo.DemoWorld;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay capability follows the policy the server assigns, live: switched on, the running agent's
 * tunnel port accepts TLS and it answers discovery; switched off, it stops answering and the port
 * closes; the agent is never restarted.
 */
class LivePolicyTest {

  private static final Duration FEW_SECONDS = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void serverSwitchesRelayCapabilityOnThenOff_withoutRestartingTheAgent() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-live", "agent-obs"))) {
      world.startServer();
      world.host("relay-live", world.policy().xml()); // relay off
      world.host("agent-obs", world.policy().xml());
      Agent agent = world.start("relay-live");
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
      Agent observer = world.start("agent-obs");
      observer.firstAsci().get(60, TimeUnit.SECONDS);
      ServerChannels probe = channels(world, group);
      assertThat(agent.status().relay().running()).isFalse();
      assertThat(agent.status().relay().tunnelPort()).as("no tunnel listener").isZero();
      assertThat(discoveredIds(observer)).doesNotContain("relay-live");

      world.assignPolicy("relay-live", world.policy().relay().xml());
      assertThat(agent.triggerAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");

      AtomicInteger tunnelPort = new AtomicInteger();
      await("relay switched on")
          .atMost(FEW_SECONDS)
          .untilAsserted(
              () -> {
                assertThat(agent.status().relay().running()).isTrue();
                tunnelPort.set(DemoWorld.tunnelPort(agent));
                assertThat(tlsHandshake(probe, tunnelPort.get())).isTrue();
                assertThat(discoveredIds(observer)).contains("relay-live");
              });

      await("the probes' tunnels closed")
          .atMost(FEW_SECONDS)
          .untilAsserted(() -> assertThat(agent.status().relay().openTunnels()).isZero());
      world.assignPolicy("relay-live", world.policy().xml());
      assertThat(agent.triggerAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");

      await("relay switched off")
          .atMost(FEW_SECONDS)
          .untilAsserted(
              () -> {
                assertThat(agent.status().relay().running()).isFalse();
                assertThat(discoveredIds(observer)).doesNotContain("relay-live");
                assertThatThrownBy(() -> tcpConnect(tunnelPort.get()))
                    .isInstanceOf(ConnectException.class);
              });
      assertThat(agent.stopped()).as("the same agent ran throughout").isNotDone();
      assertThat(agent.triggerAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void localPolicyEdit_isReplacedByTheServersCopyAtTheNextAsci_andTheLineSaysSo() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("edited"))) {
      world.startServer();
      world.host("edited", world.policy().xml());
      List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
      Agent agent = world.start("edited", lines::add);
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
      Path policyFile = agent.policyFile();
      String served = java.nio.file.Files.readString(policyFile);

      // An administrator edits the host's own file: ASCI every 61 minutes instead of 60.
      assertThat(served).contains("intervalMinutes=\"60\"");
      java.nio.file.Files.writeString(
          policyFile, served.replace("intervalMinutes=\"60\"", "intervalMinutes=\"61\""));
      await("the local edit applied")
          .atMost(FEW_SECONDS)
          .untilAsserted(
              () -> assertThat(agent.policy().asciInterval()).isEqualTo(Duration.ofMinutes(61)));
      lines.clear();
      assertThat(agent.triggerAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");

      assertThat(java.nio.file.Files.readString(policyFile)).isEqualTo(served);
      assertThat(agent.policy().asciInterval()).isEqualTo(Duration.ofMinutes(60));
      assertThat(lines)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("the server's copy replaced " + policyFile)
                      .contains("a local edit lasts until the next ASCI")
                      .contains("policies/<agent-id>.xml"));
    }
  }

  /** What a discovery round on loopback (the observer agent's) sees. */
  private static List<String> discoveredIds(Agent observer) throws Exception {
    return observer.discoverNow().get(10, TimeUnit.SECONDS).stream()
        .map(KnownRelay::relayId)
        .toList();
  }

  /** Opens a TLS connection to the relay as an agent would (the relay's certificate checked). */
  private static boolean tlsHandshake(ServerChannels channels, int port) throws Exception {
    Channel channel =
        channels
            .openRelay(new Route.ViaRelay("relay-live", new InetSocketAddress("127.0.0.1", port)))
            .get(5, TimeUnit.SECONDS);
    try {
      return channel.isActive();
    } finally {
      channel.close().syncUninterruptibly();
    }
  }

  private static ServerChannels channels(DemoWorld world, EventLoopGroup group) throws Exception {
    Path trust = world.root().resolve("agent-obs/trust");
    TrustMaterial material =
        TrustMaterial.load(
            TrustFiles.trusting(trust.resolve("ca.pem"))
                .withIdentity(trust.resolve("agent.pem"), trust.resolve("agent-key.pem")));
    return new ServerChannels(
        group,
        TlsContexts.forClient(material, Role.RELAY),
        TlsContexts.forClient(material, Role.SERVER),
        Duration.ofSeconds(5));
  }

  private static void tcpConnect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }
}
