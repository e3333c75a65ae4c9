package io.relayagent.agent.relay;

import io.netty.channel.EventLoopGroup;
import io.relayagent.config.Policy;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.mesh.content.ContentCache;
import io.relayagent.mesh.content.ContentCacheService;
import io.relayagent.mesh.discovery.DiscoveryProtocol;
import io.relayagent.mesh.discovery.DiscoveryResponder;
import io.relayagent.mesh.discovery.RelayStatus;
import io.relayagent.mesh.discovery.TrustOfferSigner;
import io.relayagent.mesh.tunnel.TunnelServer;
import io.relayagent.mesh.tunnel.TunnelSettings;
import io.relayagent.mesh.upstream.UpstreamProbe;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.SiteIndex;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay: the tunnel listener (with its content cache), the upstream probe and the
 * discovery responder, started together and stopped together. The responder answers only while the
 * probe reaches a site and the tunnel has room, so agents never pick a relay that would fail them.
 */
final class RelayRole implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayRole.class);
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private final TunnelServer tunnel;
  private final ContentCache cache;
  private final UpstreamProbe probe;
  private final DiscoveryResponder responder;

  private RelayRole(
      TunnelServer tunnel, ContentCache cache, UpstreamProbe probe, DiscoveryResponder responder) {
    this.tunnel = tunnel;
    this.cache = cache;
    this.probe = probe;
    this.responder = responder;
  }

  static RelayRole start(
      Policy policy,
      TrustMaterial material,
      Supplier<SiteLists> siteLists,
      Path cacheDirectory,
      EventLoopGroup discoveryGroup,
      Duration probeInterval)
      throws IOException, InterruptedException {
    RelayServerPolicy relay = policy.relayServer();
    Supplier<SiteIndex> index = () -> SiteIndex.of(siteLists.get());
    Supplier<List<HostPort>> endpoints = () -> List.copyOf(index.get().endpoints());
    ContentCache cache = null;
    TunnelServer tunnel = null;
    UpstreamProbe probe = null;
    try {
      if (relay.contentCache().enabled()) {
        cache =
            ContentCache.builder(cacheDirectory, relay.contentCache().quotaBytes())
                .siteLists(siteLists)
                .trust(material)
                .open();
      }
      tunnel =
          TunnelServer.start(
              TunnelSettings.from(relay, policy.proxy()),
              material,
              index,
              cache == null ? null : new ContentCacheService(cache));
      probe = UpstreamProbe.start(endpoints, probeInterval, PROBE_TIMEOUT);
      TrustOfferSigner signer = new TrustOfferSigner(material);
      // One signature now loads the crypto classes, so the first agent to ask is not kept waiting.
      signer.sign(new byte[1]);
      TunnelServer tunnelRef = tunnel;
      UpstreamProbe probeRef = probe;
      int capabilities =
          DiscoveryProtocol.CAPABILITY_TUNNEL
              | (cache != null ? DiscoveryProtocol.CAPABILITY_CONTENT_CACHE : 0)
              | (relay.plainProxy().enabled() ? DiscoveryProtocol.CAPABILITY_PLAIN_PROXY : 0);
      DiscoveryResponder responder =
          DiscoveryResponder.start(
              discoveryGroup,
              new DiscoveryResponder.Settings(
                  InetAddress.getByName("0.0.0.0"),
                  policy.relayClient().discoveryPort(),
                  policy.relayClient().multicastGroup(),
                  signer.relayId(),
                  tunnel.tlsAddress().getPort()),
              signer,
              () ->
                  new RelayStatus(
                      probeRef.isReachable(), tunnelRef.load(), tunnelRef.capacity(), capabilities),
              endpoints,
              Clock.systemUTC());
      log.info(
          "relay {} serving tunnels on port {}", signer.relayId(), tunnel.tlsAddress().getPort());
      return new RelayRole(tunnel, cache, probe, responder);
    } catch (IOException | InterruptedException | RuntimeException e) {
      closeQuietly(probe, tunnel, cache);
      throw e;
    }
  }

  static RelayRole start(
      Policy policy,
      TrustMaterial material,
      Supplier<SiteLists> siteLists,
      Path cacheDirectory,
      EventLoopGroup discoveryGroup)
      throws IOException, InterruptedException {
    return start(policy, material, siteLists, cacheDirectory, discoveryGroup, PROBE_INTERVAL);
  }

  /** Tunnels open now. */
  int openTunnels() {
    return tunnel.load();
  }

  int tunnelPort() {
    return tunnel.tlsAddress().getPort();
  }

  boolean upstreamReachable() {
    return probe.isReachable();
  }

  /** Stops answering discovery at once, lets open tunnels finish for up to {@code grace}. */
  void stop(Duration grace) {
    responder.close();
    probe.close();
    try {
      int cut = tunnel.drain(grace);
      if (cut > 0) {
        log.info(
            "relay stopped; {} tunnel(s) still open after {} s were closed",
            cut,
            grace.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tunnel.close();
    }
    if (cache != null) {
      cache.close();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          log.debug("while cleaning up a failed relay start: {}", e.toString());
        }
      }
    }
  }
}
