package io.relayagent.mesh.relay;

import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.config.Policy;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.config.RelayServerPolicy;
import java.net.Inet6Address;
import java.util.Objects;

/**
 * The parts of a policy a {@link Relay} is built from, and only those: two policies with equal
 * settings run the same relay, so a policy change elsewhere (the ASCI interval, the event queue)
 * never restarts it.
 *
 * @param relayServer the listeners, limits, content cache and plain proxy ({@code <relayServer>});
 *     its {@code discoveryAnswers} are always the defaults here (see {@link #of})
 * @param discoveryPort the UDP port the relay answers discovery on (shared with agents)
 * @param multicastGroup the IPv6 group it joins for discovery requests
 * @param upstreamProxy how the relay itself reaches the sites of its SiteList
 */
public record RelaySettings(
    RelayServerPolicy relayServer,
    int discoveryPort,
    Inet6Address multicastGroup,
    ProxyPolicy upstreamProxy) {

  public RelaySettings {
    Objects.requireNonNull(relayServer, "relayServer");
    Objects.requireNonNull(multicastGroup, "multicastGroup");
    Objects.requireNonNull(upstreamProxy, "upstreamProxy");
    if (discoveryPort < 0 || discoveryPort > 65535) {
      throw new IllegalArgumentException("discoveryPort out of range (0-65535): " + discoveryPort);
    }
  }

  /**
   * What {@code policy} says about the relay. Neither {@code relayServer.enabled} nor {@code
   * relayServer.discoveryAnswers} is part of it: the relay reads its answer policy live ({@link
   * RelayBuilder#discoveryAnswers}), so a change there never restarts it.
   */
  public static RelaySettings of(Policy policy) {
    RelayServerPolicy server = policy.relayServer();
    return new RelaySettings(
        new RelayServerPolicy(
            server.enabled(),
            server.tunnelPort(),
            server.maxConnections(),
            server.idleTimeout(),
            server.contentCache(),
            server.plainProxy(),
            DiscoveryAnswerPolicy.defaults(),
            server.metrics()),
        policy.relayClient().discoveryPort(),
        policy.relayClient().multicastGroup(),
        policy.proxy());
  }
}
