package io.relayagent.mesh.relay;

import io.netty.channel.EventLoopGroup;
import io.relayagent.config.Policy;
import io.relayagent.mesh.content.ContentCache;
import io.relayagent.mesh.discovery.DiscoveryResponder;
import io.relayagent.mesh.load.HostLoad;
import io.relayagent.mesh.metrics.MetricsServer;
import io.relayagent.mesh.tunnel.TunnelServer;
import io.relayagent.mesh.upstream.UpstreamProbe;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.TrustSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay, assembled from its policy in one place: the tunnel listeners (mutual TLS, and
 * plain HTTP where the policy opens it) with the content cache behind {@code GET /content/...}, the
 * upstream probe, and the discovery responder whose offers are signed with the relay's key. The
 * responder answers only while the probe reaches a site and the tunnel has room, so agents never
 * pick a relay that would fail them. The agent's relay capability, the system tests and the
 * benchmarks all run this one assembly.
 *
 * <pre>{@code
 * Relay relay =
 *     Relay.builder(policy, relayMaterial, siteList::current)
 *         .cacheDirectory(stateDirectory.resolve("relay-cache"))
 *         .start();
 * Relay.Status now = relay.status();   // for relay-agent status
 * relay.stop(Duration.ofSeconds(10));  // silent at once; open tunnels get 10 s to finish
 * }</pre>
 */
public final class Relay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Relay.class);

  /** How long {@link #close()} lets open tunnels finish. */
  public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(5);

  /**
   * What the relay tells its administrator.
   *
   * @param tunnelPort the TLS listener's port
   * @param openTunnels client connections open now (both listeners)
   * @param capacity the most client connections it serves at once
   * @param upstreamReachable whether a site of its SiteList answered the last probe
   * @param cacheDamaged content cache objects dropped since the relay started because their files
   *     were damaged or changed on disk ({@link ContentCache#damagedObjects()}); 0 without a cache
   */
  public record Status(
      String relayId,
      int tunnelPort,
      int openTunnels,
      int capacity,
      boolean upstreamReachable,
      long cacheDamaged) {}

  private final String relayId;
  private final TunnelServer tunnel;
  private final ContentCache cache;
  private final UpstreamProbe probe;
  private final HostLoad host;
  private final DiscoveryResponder responder;
  private final EventLoopGroup ownedGroup;
  private final RelayCounters counters;
  private final MetricsServer metrics;
  private boolean stopped;

  Relay(
      String relayId,
      TunnelServer tunnel,
      ContentCache cache,
      UpstreamProbe probe,
      HostLoad host,
      DiscoveryResponder responder,
      EventLoopGroup ownedGroup,
      RelayCounters counters,
      MetricsServer metrics) {
    this.counters = counters;
    this.metrics = metrics;
    this.relayId = relayId;
    this.tunnel = tunnel;
    this.cache = cache;
    this.probe = probe;
    this.host = host;
    this.responder = responder;
    this.ownedGroup = ownedGroup;
  }

  /**
   * A relay as {@code policy} describes it ({@link RelaySettings#of}).
   *
   * @param relayMaterial the relay's certificate and key (its common name is the relay id) and the
   *     organisation's CA, which agents' certificates must chain to
   * @param siteLists the relay's current SiteList, read at every request: the only sites it
   *     forwards to, probes and caches content from
   */
  public static RelayBuilder builder(
      Policy policy, TrustSource relayMaterial, Supplier<SiteLists> siteLists) {
    return new RelayBuilder(
        RelaySettings.of(policy),
        policy.relayServer().discoveryAnswers(),
        relayMaterial,
        siteLists);
  }

  /** The relay id its offers carry: its certificate's common name. */
  public String relayId() {
    return relayId;
  }

  /** The TLS listener's address (its actual port when the policy asked for 0). */
  public InetSocketAddress tlsAddress() {
    return tunnel.tlsAddress();
  }

  /** The plain listener's address, when the policy opens it. */
  public Optional<InetSocketAddress> plainAddress() {
    return tunnel.plainAddress();
  }

  /** The discovery responder's IPv4 address (its actual port when the policy asked for 0). */
  public InetSocketAddress discoveryAddress() {
    return responder.localAddress();
  }

  /** Whether {@code GET /content/...} is served through a cache. */
  public boolean cachesContent() {
    return cache != null;
  }

  /**
   * Applies a change of the relay's trust (a new CRL, a renewed CA bundle) to the connections
   * already open: every client whose certificate the trust in force now refuses is disconnected,
   * its tunnel with it, and logged with the reason. New connections read the trust at their
   * handshake and need no call. Call it when the relay's {@code LiveTrust} changes.
   *
   * @return how many connections were closed
   */
  public int trustChanged() {
    return tunnel.trustChanged();
  }

  public Status status() {
    return new Status(
        relayId,
        tunnel.tlsAddress().getPort(),
        tunnel.load(),
        tunnel.capacity(),
        probe.isReachable(),
        cache == null ? 0 : cache.damagedObjects());
  }

  /**
   * What the relay has carried since it started: for the status report at each ASCI, {@code
   * relay-agent status} and the metrics page. Cheap enough to call at any time; never blocks.
   */
  public RelayStatistics statistics() {
    return counters.snapshot();
  }

  /** Where the metrics page is served, when the policy turns it on and it could start. */
  public Optional<InetSocketAddress> metricsAddress() {
    return Optional.ofNullable(metrics).map(MetricsServer::address);
  }

  /**
   * Stops answering discovery at once, stops accepting tunnels, lets open ones finish for up to
   * {@code grace} and closes the rest, then releases the cache and the threads. Idempotent.
   *
   * @return how many tunnels were still open after {@code grace} and had to be closed
   */
  public synchronized int stop(Duration grace) {
    if (stopped) {
      return 0;
    }
    stopped = true;
    responder.close();
    if (metrics != null) {
      metrics.close();
    }
    probe.close();
    host.close();
    int cut;
    try {
      cut = tunnel.drain(grace);
    } catch (InterruptedException e) {
      cut = closeAtOnce();
      Thread.currentThread().interrupt();
    }
    if (cut > 0) {
      log.info(
          "relay {} stopped; {} tunnel(s) still open after {} were closed", relayId, cut, grace);
    } else {
      log.info("relay {} stopped", relayId);
    }
    if (cache != null) {
      cache.close();
    }
    if (ownedGroup != null) {
      ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    return cut;
  }

  /** {@link #stop} with {@link #DEFAULT_DRAIN_GRACE}. */
  @Override
  public void close() {
    stop(DEFAULT_DRAIN_GRACE);
  }

  /** Closes every tunnel now: the caller was interrupted and must not wait. */
  private int closeAtOnce() {
    try {
      return tunnel.drain(Duration.ZERO); // never sleeps: the deadline has passed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
