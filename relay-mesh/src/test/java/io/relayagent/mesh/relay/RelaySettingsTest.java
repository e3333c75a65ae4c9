package io.relayagent.mesh.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.config.ContentCachePolicy;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.config.PlainProxyPolicy;
import io.relayagent.config.Policy;
import io.relayagent.config.ProxyMode;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.sitelist.HostPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which policy changes restart a relay: those of its own settings, and no others. */
class RelaySettingsTest {

  private static final Policy BASE = Policy.defaults();

  @Test
  void of_policiesThatDifferOutsideTheRelay_areEqual() {
    Policy otherInterval =
        new Policy(
            Duration.ofMinutes(5),
            BASE.relayServer(),
            withDiscovery(BASE.relayClient(), BASE.relayClient().discoveryPort(), 3),
            BASE.proxy(),
            BASE.eventQueue(),
            BASE.trust());

    assertThat(RelaySettings.of(otherInterval)).isEqualTo(RelaySettings.of(BASE));
  }

  @Test
  void of_anotherTunnelPortOrCacheOrDiscoveryPort_differs() {
    RelayServerPolicy relay = BASE.relayServer();
    RelayServerPolicy otherPort =
        new RelayServerPolicy(
            true,
            9443,
            relay.maxConnections(),
            relay.idleTimeout(),
            relay.contentCache(),
            relay.plainProxy());
    RelayServerPolicy otherCache =
        new RelayServerPolicy(
            true,
            relay.tunnelPort(),
            relay.maxConnections(),
            relay.idleTimeout(),
            new ContentCachePolicy(true, 1),
            PlainProxyPolicy.defaults());

    assertThat(RelaySettings.of(withRelay(otherPort))).isNotEqualTo(RelaySettings.of(BASE));
    assertThat(RelaySettings.of(withRelay(otherCache))).isNotEqualTo(RelaySettings.of(BASE));
    assertThat(RelaySettings.of(withClient(withDiscovery(BASE.relayClient(), 9082, 5))))
        .isNotEqualTo(RelaySettings.of(BASE));
  }

  @Test
  void of_anotherDiscoveryAnswerPolicy_isEqual_theRelayReadsItLive() {
    RelayServerPolicy relay = BASE.relayServer();
    RelayServerPolicy slower =
        new RelayServerPolicy(
            relay.enabled(),
            relay.tunnelPort(),
            relay.maxConnections(),
            relay.idleTimeout(),
            relay.contentCache(),
            relay.plainProxy(),
            new DiscoveryAnswerPolicy(Duration.ofMillis(900), 50, false, true));

    assertThat(RelaySettings.of(withRelay(slower))).isEqualTo(RelaySettings.of(BASE));
  }

  @Test
  void of_anotherUpstreamProxy_differs() {
    Policy manual =
        new Policy(
            BASE.asciInterval(),
            BASE.relayServer(),
            BASE.relayClient(),
            new ProxyPolicy(
                ProxyMode.MANUAL,
                Optional.of(HostPort.parse("proxy.example.test:3128", 0)),
                Optional.empty(),
                List.of(),
                false),
            BASE.eventQueue(),
            BASE.trust());

    assertThat(RelaySettings.of(manual).upstreamProxy().mode()).isEqualTo(ProxyMode.MANUAL);
    assertThat(RelaySettings.of(manual)).isNotEqualTo(RelaySettings.of(BASE));
  }

  @Test
  void new_discoveryPortOutOfRange_isRefused() {
    assertThatThrownBy(
            () ->
                new RelaySettings(
                    BASE.relayServer(),
                    65536,
                    RelayClientPolicy.DEFAULT_MULTICAST_GROUP,
                    ProxyPolicy.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }

  private static Policy withRelay(RelayServerPolicy relay) {
    return new Policy(
        BASE.asciInterval(),
        relay,
        BASE.relayClient(),
        BASE.proxy(),
        BASE.eventQueue(),
        BASE.trust());
  }

  private static Policy withClient(RelayClientPolicy client) {
    return new Policy(
        BASE.asciInterval(),
        BASE.relayServer(),
        client,
        BASE.proxy(),
        BASE.eventQueue(),
        BASE.trust());
  }

  private static RelayClientPolicy withDiscovery(RelayClientPolicy c, int port, int cached) {
    return new RelayClientPolicy(
        c.discoveryEnabled(),
        port,
        c.multicastGroup(),
        c.collectWindow(),
        cached,
        c.cacheExpiryAscis(),
        c.discoveryInterfaces(),
        List.of());
  }
}
