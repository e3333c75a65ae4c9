package io.relayagent.mesh.relay;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.config.MetricsPolicy;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.mesh.content.ContentCache;
import io.relayagent.mesh.content.ContentCacheService;
import io.relayagent.mesh.discovery.DiscoveryProtocol;
import io.relayagent.mesh.discovery.DiscoveryResponder;
import io.relayagent.mesh.discovery.RelayStatus;
import io.relayagent.mesh.discovery.TrustOfferSigner;
import io.relayagent.mesh.load.HostLoad;
import io.relayagent.mesh.load.PowerSource;
import io.relayagent.mesh.metrics.MetricsServer;
import io.relayagent.mesh.tunnel.TunnelServer;
import io.relayagent.mesh.tunnel.TunnelSettings;
import io.relayagent.mesh.upstream.UpstreamProbe;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import io.relayagent.sitelist.SiteIndex;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustSource;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Relay} runs beyond its policy: where its content cache lives, which event loop
 * answers discovery, how often it probes its upstream, its clock. Made by {@link Relay#builder}.
 */
public final class RelayBuilder {

  private static final Logger log = LoggerFactory.getLogger(RelayBuilder.class);

  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(3);

  private final RelaySettings settings;
  private final TrustSource material;
  private final Supplier<SiteLists> siteLists;
  private Path cacheDirectory;
  private InetAddress bindAddress;
  private EventLoopGroup discoveryGroup;
  private Duration probeInterval = DEFAULT_PROBE_INTERVAL;
  private Duration probeTimeout = DEFAULT_PROBE_TIMEOUT;
  private Clock clock = Clock.systemUTC();
  private Supplier<DiscoveryAnswerPolicy> discoveryAnswers;
  private Path powerSupplies = PowerSource.LINUX;

  RelayBuilder(
      RelaySettings settings,
      DiscoveryAnswerPolicy discoveryAnswers,
      TrustSource material,
      Supplier<SiteLists> siteLists) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(discoveryAnswers, "discoveryAnswers");
    this.discoveryAnswers = () -> discoveryAnswers;
    this.material = Objects.requireNonNull(material, "relayMaterial");
    this.siteLists = Objects.requireNonNull(siteLists, "siteLists");
  }

  /** The content cache's directory; required when the policy turns the cache on. */
  public RelayBuilder cacheDirectory(Path directory) {
    this.cacheDirectory = Objects.requireNonNull(directory, "cacheDirectory");
    return this;
  }

  /**
   * Listens on this address only, tunnels and discovery alike, instead of every address. A relay
   * bound to one address answers requests sent to that address only (on Linux a broadcast does not
   * reach it) and joins no IPv6 group: for tests and benchmarks on one host, never in production.
   */
  public RelayBuilder bindAddress(InetAddress address) {
    this.bindAddress = Objects.requireNonNull(address, "bindAddress");
    return this;
  }

  /**
   * The event loop the discovery responder runs on, shared with its caller (the agent's); without
   * one the relay makes its own single thread and stops it with the relay.
   */
  public RelayBuilder discoveryGroup(EventLoopGroup group) {
    this.discoveryGroup = Objects.requireNonNull(group, "discoveryGroup");
    return this;
  }

  /** How often the relay checks that a site of its SiteList answers. */
  public RelayBuilder probeInterval(Duration interval) {
    this.probeInterval = positive(interval, "probeInterval");
    return this;
  }

  /** How long one probe's TCP connect may take. */
  public RelayBuilder probeTimeout(Duration timeout) {
    this.probeTimeout = positive(timeout, "probeTimeout");
    return this;
  }

  /**
   * How the relay answers discovery under load, read at every request: the agent passes its live
   * policy's, so that a change applies without restarting the relay. Without it, the policy's the
   * relay was built from.
   */
  public RelayBuilder discoveryAnswers(Supplier<DiscoveryAnswerPolicy> answers) {
    this.discoveryAnswers = Objects.requireNonNull(answers, "discoveryAnswers");
    return this;
  }

  /**
   * Where the host's power supplies are listed, for its "on battery" signal: {@link
   * PowerSource#LINUX} unless a test lays out a directory like it.
   */
  public RelayBuilder powerSupplies(Path root) {
    this.powerSupplies = Objects.requireNonNull(root, "powerSupplies");
    return this;
  }

  /** The clock offers are stamped with and cached content ages by. */
  public RelayBuilder clock(Clock newClock) {
    this.clock = Objects.requireNonNull(newClock, "clock");
    return this;
  }

  /**
   * Opens the cache, binds the listeners and the responder, and starts probing. Whatever was
   * started is stopped again if a later part fails.
   *
   * @throws IllegalArgumentException if the relay's certificate cannot sign offers (its common name
   *     is no relay id, or it is too large for an offer)
   * @throws IllegalStateException if the policy turns the content cache on and no {@link
   *     #cacheDirectory} was given
   * @throws IOException if the cache directory or a listener's port cannot be used
   */
  public Relay start() throws IOException, InterruptedException {
    RelayServerPolicy relay = settings.relayServer();
    if (relay.contentCache().enabled() && cacheDirectory == null) {
      throw new IllegalStateException("the policy turns the content cache on; set cacheDirectory");
    }
    // First, so that a certificate that cannot sign offers fails before a port is bound.
    TrustOfferSigner signer = new TrustOfferSigner(material);
    // One signature now loads the crypto classes, so the first agent to ask is not kept waiting.
    signer.sign(new byte[1]);
    Supplier<SiteIndex> index = () -> SiteIndex.of(siteLists.get());
    Supplier<List<HostPort>> endpoints = () -> List.copyOf(index.get().endpoints());
    ContentCache cache = null;
    TunnelServer tunnel = null;
    UpstreamProbe probe = null;
    EventLoopGroup ownedGroup = null;
    HostLoad host = null;
    try {
      if (relay.contentCache().enabled()) {
        cache =
            ContentCache.builder(cacheDirectory, relay.contentCache().quotaBytes())
                .siteLists(siteLists)
                .trust(material)
                .clock(clock)
                .open();
      }
      TunnelSettings tunnelSettings = TunnelSettings.from(relay, settings.upstreamProxy());
      if (bindAddress != null) {
        tunnelSettings = tunnelSettings.withBindAddress(bindAddress);
      }
      tunnel =
          TunnelServer.start(
              tunnelSettings,
              material,
              siteLists,
              cache == null ? null : new ContentCacheService(cache));
      RelayCounters counters =
          new RelayCounters(
              tunnel.counters(), cache == null ? null : cache.counters(), clock.instant());
      probe = UpstreamProbe.start(endpoints, probeInterval, probeTimeout);
      host = HostLoad.start(new PowerSource(powerSupplies));
      EventLoopGroup group = discoveryGroup;
      if (group == null) {
        ownedGroup =
            new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("relay-discovery", true), NioIoHandler.newFactory());
        group = ownedGroup;
      }
      DiscoveryResponder responder =
          DiscoveryResponder.start(
              group,
              new DiscoveryResponder.Settings(
                  bindAddress != null ? bindAddress : InetAddress.getByName("0.0.0.0"),
                  settings.discoveryPort(),
                  settings.multicastGroup(),
                  signer.relayId(),
                  tunnel.tlsAddress().getPort()),
              signer,
              offerStatus(
                  probe,
                  tunnel,
                  capabilities(relay, cache != null),
                  new BusySignals(host, discoveryAnswers)),
              discoveryAnswers,
              endpoints,
              clock);
      log.info(
          "relay {} serving tunnels on port {} (TLS by {}), answering discovery on port {}",
          signer.relayId(),
          tunnel.tlsAddress().getPort(),
          tlsProvider(),
          responder.localAddress().getPort());
      return new Relay(
          signer.relayId(),
          tunnel,
          cache,
          probe,
          host,
          responder,
          ownedGroup,
          counters,
          metrics(relay.metrics(), counters));
    } catch (IOException | InterruptedException | RuntimeException e) {
      cleanUp(probe, host, tunnel, cache, ownedGroup);
      throw e;
    }
  }

  /**
   * The metrics page, when the policy turns it on. A page that cannot start (its port in use) is
   * logged and left out: the relay's agents matter more than its figures.
   */
  private static MetricsServer metrics(MetricsPolicy policy, RelayCounters counters) {
    if (!policy.enabled()) {
      return null;
    }
    try {
      return MetricsServer.start(policy, counters::snapshot);
    } catch (IOException | RuntimeException e) {
      log.error(
          "cannot serve the relay's metrics on {} port {}: {}",
          IpLiterals.format(policy.bindAddress()),
          policy.port(),
          e.toString());
      return null;
    }
  }

  private static Supplier<RelayStatus> offerStatus(
      UpstreamProbe probe, TunnelServer tunnel, int capabilities, BusySignals busy) {
    return () ->
        new RelayStatus(
            probe.isReachable(),
            tunnel.load(),
            tunnel.arriving(),
            tunnel.accepted(),
            tunnel.capacity(),
            capabilities,
            busy.bits());
  }

  private static int capabilities(RelayServerPolicy relay, boolean caching) {
    return DiscoveryProtocol.CAPABILITY_TUNNEL
        | (caching ? DiscoveryProtocol.CAPABILITY_CONTENT_CACHE : 0)
        | (relay.plainProxy().enabled() ? DiscoveryProtocol.CAPABILITY_PLAIN_PROXY : 0);
  }

  /** BoringSSL's version when netty-tcnative loaded, else the JDK's engine: for the log. */
  private static String tlsProvider() {
    return TlsContexts.provider() == SslProvider.OPENSSL
        ? OpenSsl.versionString() + " through netty-tcnative"
        : "the JDK";
  }

  private static void cleanUp(
      UpstreamProbe probe,
      HostLoad host,
      TunnelServer tunnel,
      ContentCache cache,
      EventLoopGroup ownedGroup) {
    if (probe != null) {
      probe.close();
    }
    if (host != null) {
      host.close();
    }
    if (tunnel != null) {
      try {
        tunnel.drain(Duration.ZERO);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (cache != null) {
      cache.close();
    }
    if (ownedGroup != null) {
      ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static Duration positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " was " + value + "; it must be positive");
    }
    return value;
  }
}
