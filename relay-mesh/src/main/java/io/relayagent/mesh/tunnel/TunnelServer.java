package io.relayagent.mesh.tunnel;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.mesh.content.ContentService;
import io.relayagent.mesh.logging.CappedLog;
import io.relayagent.sitelist.IpLiterals;
import io.relayagent.sitelist.SiteIndex;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.CertificateRejectedException;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustSource;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's tunnel listener: {@code CONNECT host:port} to the sites of its SiteList over mutual
 * TLS (and, where the policy opens it, over plain HTTP from named networks), plus {@code GET
 * /content/...} for the content cache. The wire behaviour is in docs/tunnel-protocol.md.
 *
 * <pre>{@code
 * TunnelServer tunnels =
 *     TunnelServer.start(
 *         TunnelSettings.from(policy.relayServer(), policy.proxy()),
 *         relayMaterial, siteLists::get, contentService);
 * int load = tunnels.load();           // for discovery offers
 * ...
 * tunnels.close();                     // stop accepting
 * tunnels.drain(Duration.ofSeconds(20)); // let open tunnels finish, then close them
 * }</pre>
 */
public final class TunnelServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TunnelServer.class);

  /** The role every client certificate must prove. */
  private static final Role CLIENT_ROLE = Role.AGENT;

  /** How long a server may take to answer a forwarded enrollment once connected. */
  private static final Duration ENROLLMENT_EXCHANGE_TIMEOUT = Duration.ofSeconds(15);

  private final TunnelResources resources;
  private final ConnectionLimiter limiter;
  private final PreAuthBudget preAuth;
  private final ChannelGroup openConnections;
  private final TunnelListeners listeners;
  private final ChainVerifier verifier;

  private final TunnelCounters counters;

  private TunnelServer(
      TunnelResources resources,
      ConnectionLimiter limiter,
      PreAuthBudget preAuth,
      ChannelGroup openConnections,
      TunnelListeners listeners,
      ChainVerifier verifier,
      TunnelCounters counters) {
    this.counters = counters;
    this.resources = resources;
    this.limiter = limiter;
    this.preAuth = preAuth;
    this.openConnections = openConnections;
    this.listeners = listeners;
    this.verifier = verifier;
  }

  /**
   * Binds the listeners and starts serving.
   *
   * @param relayMaterial the relay's certificate and the organisation's CA: agents must present a
   *     certificate of the agent role from that CA
   * @param siteLists the current SiteList, read at every CONNECT and enrollment (swap it for an
   *     update)
   * @param content the content cache, or {@code null} when the relay runs none ({@code 404})
   * @throws IllegalArgumentException if the upstream proxy's password file cannot be read
   */
  public static TunnelServer start(
      TunnelSettings settings,
      TrustSource relayMaterial,
      Supplier<SiteLists> siteLists,
      ContentService content)
      throws SSLException, InterruptedException {
    SslContext tls = TlsContexts.forServer(relayMaterial, CLIENT_ROLE);
    return start(settings, tls, relayMaterial, siteLists, content, HostResolver.SYSTEM);
  }

  /**
   * @param tls the listener's context (tests pass one of their own)
   * @param relayMaterial what the relay presents when it forwards an enrollment, and what open
   *     tunnels are checked against again by {@link #trustChanged}
   */
  static TunnelServer start(
      TunnelSettings settings,
      SslContext tls,
      TrustSource relayMaterial,
      Supplier<SiteLists> siteLists,
      ContentService content,
      HostResolver resolver)
      throws SSLException, InterruptedException {
    UpstreamRoutes routes = UpstreamRoutes.of(settings.upstreamProxy(), resolver);
    Supplier<SiteIndex> sites = () -> SiteIndex.of(siteLists.get());
    // Built before any thread starts: a context that cannot be built leaves nothing to stop.
    SslContext toRelays = TlsContexts.forClient(relayMaterial, Role.RELAY);
    SslContext toServers = TlsContexts.forClient(relayMaterial, Role.SERVER);
    TunnelResources resources = TunnelResources.create();
    ConnectionLimiter limiter = new ConnectionLimiter(settings.maxConnections());
    PreAuthBudget preAuth = PreAuthBudget.forLimit(settings.maxConnections());
    ChannelGroup open = new DefaultChannelGroup("tunnel-clients", GlobalEventExecutor.INSTANCE);
    UpstreamConnector upstream =
        new UpstreamConnector(
            resources.transport(),
            settings.connectTimeout(),
            routes,
            resolver,
            resources.blocking());
    EnrollmentRelay enrollment =
        new EnrollmentRelay(
            siteLists,
            new ServerChannels(
                resources.group(),
                resources.transport().socketChannelClass(),
                toRelays,
                toServers,
                settings.connectTimeout()),
            ENROLLMENT_EXCHANGE_TIMEOUT,
            resources.blocking(),
            settings.headTimeout(),
            Ticker.systemTicker());
    TunnelCounters counters = new TunnelCounters();
    RouterServices services =
        new RouterServices(
            sites,
            upstream,
            content,
            enrollment,
            settings.maxConnections(),
            new CappedLog(
                log,
                "TLS handshake failure lines",
                20,
                Duration.ofMinutes(1),
                Ticker.systemTicker()),
            new CappedLog(
                log,
                "lines on connections closed at a limit",
                1,
                Duration.ofMinutes(1),
                Ticker.systemTicker()),
            new Refusals(
                new CappedLog(
                    log, "refusal lines", 60, Duration.ofMinutes(1), Ticker.systemTicker()),
                counters),
            counters);
    TunnelListeners listeners;
    try {
      listeners = TunnelListeners.bind(settings, tls, resources, limiter, preAuth, open, services);
    } catch (InterruptedException | RuntimeException e) {
      resources.shutdown();
      throw e;
    }
    log.info(
        "tunnel listener on {} (mutual TLS){}; up to {} connections; transport {}",
        IpLiterals.format(listeners.tls().localAddress()),
        listeners.plain() != null
            ? ", plain proxy listener on "
                + IpLiterals.format(listeners.plain().localAddress())
                + " for "
                + settings.plainProxy().allowedNetworks()
            : "",
        settings.maxConnections(),
        resources.transport().name());
    return new TunnelServer(
        resources,
        limiter,
        preAuth,
        open,
        listeners,
        new ChainVerifier(relayMaterial, Clock.systemUTC()),
        counters);
  }

  /** What the listeners have carried and refused since they started. */
  public TunnelCounters counters() {
    return counters;
  }

  /** The TLS listener's address (its actual port when 0 was asked for). */
  public InetSocketAddress tlsAddress() {
    return (InetSocketAddress) listeners.tls().localAddress();
  }

  /** The plain listener's address, if the policy opened it. */
  public Optional<InetSocketAddress> plainAddress() {
    return Optional.ofNullable(listeners.plain()).map(c -> (InetSocketAddress) c.localAddress());
  }

  /** Client connections being served now (both listeners). */
  public int load() {
    return limiter.load();
  }

  /**
   * Client connections accepted whose TLS handshake or request head is not complete yet: most of
   * them are tunnels about to open, the earliest sign of an agent that chose this relay.
   */
  public int arriving() {
    return preAuth.open();
  }

  /** Client connections accepted since the relay started (closed at once ones not counted). */
  public long accepted() {
    return preAuth.acquired();
  }

  /** The most client connections served at once. */
  public int capacity() {
    return limiter.capacity();
  }

  /** Stops accepting connections; open tunnels go on until {@link #drain}. Idempotent. */
  @Override
  public void close() {
    listeners.close();
  }

  /**
   * Stops accepting, waits up to {@code grace} for open connections to end by themselves, closes
   * the rest, and releases the threads. Call from outside the tunnel's event loops.
   *
   * @return how many connections had to be closed
   */
  public int drain(Duration grace) throws InterruptedException {
    close();
    long deadline = System.nanoTime() + grace.toNanos();
    while (!openConnections.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
    int remaining = openConnections.size();
    if (remaining > 0) {
      log.info("closing {} tunnel connection(s) still open after {}", remaining, grace);
    }
    openConnections.close().awaitUninterruptibly();
    resources.shutdown();
    return remaining;
  }

  /**
   * Checks the certificate of every client connected over TLS now against the relay's trust as it
   * is now, and closes the connections (open tunnels included) whose certificate it refuses: one
   * revoked by a new CRL, expired, or from a CA no longer trusted. New connections need no call:
   * their handshake reads the trust in force.
   *
   * @return how many connections were closed
   */
  public int trustChanged() {
    int closed = 0;
    for (Channel client : openConnections) {
      SslHandler tls = client.pipeline().get(SslHandler.class);
      List<X509Certificate> chain = tls == null ? List.of() : PeerCertificates.of(tls);
      if (chain.isEmpty()) {
        continue; // the plain listener, or a host without a certificate enrolling
      }
      try {
        verifier.verify(chain, CLIENT_ROLE);
      } catch (CertificateRejectedException e) {
        log.warn(
            "closing the connection of {}: its certificate is no longer accepted: {}",
            IpLiterals.format(client.remoteAddress()),
            e.getMessage());
        client.close();
        closed++;
      }
    }
    if (closed > 0) {
      log.info("trust changed: closed {} connection(s) whose certificate is now refused", closed);
    }
    return closed;
  }

  /**
   * Bytes waiting in the relay's outbound buffers now, towards agents and upstreams: what
   * backpressure keeps to about one read per direction and tunnel.
   */
  long bufferedBytes() {
    long total = 0;
    for (Channel client : openConnections) {
      total += pendingWriteBytes(client);
      TunnelFrontendHandler frontend = client.pipeline().get(TunnelFrontendHandler.class);
      if (frontend != null) {
        total += pendingWriteBytes(frontend.tunnel.backend());
      }
    }
    return total;
  }

  private static long pendingWriteBytes(Channel channel) {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }
}
