package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.config.InterfaceSelection;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.sitelist.HostPort;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's relay finder over loopback, configured the way the policy configures it. */
class RelayDiscoveryTest {

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  @TempDir Path dir;
  private DiscoveryTrust pki;
  private DiscoveryResponder responder;
  private RelayDiscovery discovery;

  @BeforeEach
  void startRelay() throws Exception {
    pki = new DiscoveryTrust(dir, "Org CA");
    TrustOfferSigner signer = pki.signer("relay-a");
    responder =
        DiscoveryResponder.start(
            group,
            new DiscoveryResponder.Settings(
                InetAddress.getByName("0.0.0.0"), 0, null, "relay-a", 8443),
            signer,
            () -> new RelayStatus(true, 1, 10, DiscoveryProtocol.CAPABILITY_TUNNEL),
            DiscoveryAnswerPolicy::defaults,
            List::of,
            Clock.systemUTC());
    discovery = new RelayDiscovery(group, "agent-1", pki.authenticator(), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    discovery.close();
    responder.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void discover_onTheSelectedInterface_cachesTheRelayAfterTheStaticOnes() throws Exception {
    discovery.applyPolicy(
        policy(true, List.of(new HostPort("edge.example.com", 8083))), Duration.ofMinutes(60));

    DiscoveryRound round = discovery.discover(relay -> {}).get(5, TimeUnit.SECONDS);

    assertThat(round.relays()).extracting(KnownRelay::relayId).containsExactly("relay-a");
    assertThat(discovery.relays())
        .extracting(KnownRelay::relayId)
        .containsExactly("edge.example.com:8083", "relay-a");
    assertThat(discovery.relays().get(0).source()).isEqualTo(KnownRelay.Source.STATIC);
    assertThat(discovery.relays().get(1).load()).isEqualTo(1);
  }

  @Test
  void discover_whenThePolicySwitchesDiscoveryOff_sendsNothingAndKeepsStaticRelays()
      throws Exception {
    discovery.applyPolicy(
        policy(false, List.of(new HostPort("edge.example.com", 8083))), Duration.ofMinutes(60));

    DiscoveryRound round = discovery.discover(relay -> {}).get(5, TimeUnit.SECONDS);

    assertThat(round.relays()).isEmpty();
    assertThat(discovery.relays())
        .extracting(KnownRelay::relayId)
        .containsExactly("edge.example.com:8083");
  }

  @Test
  void forget_dropsAFailedRelaySoTheNextIsTried() throws Exception {
    discovery.applyPolicy(policy(true, List.of()), Duration.ofMinutes(60));
    discovery.discover(relay -> {}).get(5, TimeUnit.SECONDS);

    discovery.forget("relay-a");

    assertThat(discovery.relays()).isEmpty();
  }

  private RelayClientPolicy policy(boolean enabled, List<HostPort> staticRelays) {
    return new RelayClientPolicy(
        enabled,
        responder.localAddress().getPort(),
        RelayClientPolicy.DEFAULT_MULTICAST_GROUP,
        Duration.ofMillis(200),
        5,
        3,
        new InterfaceSelection(List.of("lo"), List.of()),
        staticRelays);
  }
}
