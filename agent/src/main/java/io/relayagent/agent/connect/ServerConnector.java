package io.relayagent.agent.connect;

import io.netty.channel.Channel;
import io.relayagent.config.ProxyMode;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.mesh.client.ManagementSite;
import io.relayagent.mesh.client.RelayFailure;
import io.relayagent.mesh.client.RelayRefusedException;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.mesh.discovery.DiscoveryRound;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.mesh.discovery.RelayDiscovery;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The agent's connectivity ladder: each management server of the SiteList in order, directly or
 * through the configured proxy; then the static relays (an edge relay); then, since the direct path
 * failed, a discovery round whose first valid offer is tried the moment it arrives, and after it
 * the round's other responders and the relays earlier rounds found, in order. A relay that refuses
 * ({@code 403}, {@code 502}, {@code 503}) or fails is forgotten and the next is tried; its failure,
 * with the real cause, is kept in {@link RelayFailures} for {@code relay-agent relays} and said in
 * one line to {@code progress}. Every attempt is bounded, so a dead server costs seconds, not
 * minutes.
 */
public final class ServerConnector {

  /**
   * An open, TLS-verified connection to a management server.
   *
   * @param relayName through a relay, the relay id its certificate proved (for a static relay,
   *     configured by {@code host:port}, its certificate's name); {@code null} when direct
   */
  public record Connection(HttpSession session, Route route, ManagementSite site, String relayName)
      implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  private static final int MAX_RESPONSE_BYTES = 16 << 20;

  private final ServerChannels channels;
  private final RelayDiscovery discovery;
  private final RelayFailures failures;
  private final Duration attemptTimeout;
  private final Duration exchangeTimeout;

  /**
   * @param failures where each relay's failure is recorded
   * @param attemptTimeout how long one connection (TCP, CONNECT, TLS) may take
   */
  public ServerConnector(
      ServerChannels channels,
      RelayDiscovery discovery,
      RelayFailures failures,
      Duration attemptTimeout,
      Duration exchangeTimeout) {
    this.channels = channels;
    this.discovery = discovery;
    this.failures = failures;
    this.attemptTimeout = attemptTimeout;
    this.exchangeTimeout = exchangeTimeout;
  }

  /**
   * Connects by the first route that works.
   *
   * @param progress told of each attempt and its outcome, for the log and the demo
   * @throws IOException when no route reaches any site
   */
  public Connection connect(
      List<ManagementSite> sites, ProxyPolicy proxy, Consumer<String> progress)
      throws IOException, InterruptedException {
    return connect(sites, proxy, progress, Purpose.ASCI);
  }

  /**
   * Connects for enrollment, by the same ladder: a server directly (or through the proxy), else a
   * relay itself, which forwards the one enrollment request of a host without a certificate to a
   * server of its SiteList (it opens no tunnel for such a host).
   */
  public Connection connectForEnrollment(
      List<ManagementSite> sites, ProxyPolicy proxy, Consumer<String> progress)
      throws IOException, InterruptedException {
    return connect(sites, proxy, progress, Purpose.ENROLLMENT);
  }

  /**
   * Connects by the routes the agent knows without discovering: directly (or through the proxy),
   * then through the static relays and those the last rounds found, in their order. For the wake-up
   * connection, opened after an ASCI that has just discovered: a round of its own would broadcast
   * again and reorder the relay cache behind the ASCI's back.
   *
   * @throws IOException when none of those routes reaches a site (the next ASCI discovers)
   */
  public Connection connectByKnownRoutes(
      List<ManagementSite> sites, ProxyPolicy proxy, Consumer<String> progress)
      throws IOException, InterruptedException {
    return connect(sites, proxy, progress, Purpose.KNOWN_ROUTES);
  }

  /** What the connection is for, which decides how a relay is used. */
  private enum Purpose {
    /** An end-to-end TLS session to the server, through the relay's tunnel. */
    ASCI,
    /** The same, through the relays already known only: no discovery round. */
    KNOWN_ROUTES,
    /** A TLS session to the relay itself, which forwards the enrollment request. */
    ENROLLMENT
  }

  private Connection connect(
      List<ManagementSite> sites, ProxyPolicy proxy, Consumer<String> progress, Purpose purpose)
      throws IOException, InterruptedException {
    if (sites.isEmpty()) {
      throw new IOException("the SiteList has no enabled management server (SpipeSite)");
    }
    for (ManagementSite site : sites) {
      Route route = directRoute(site.endpoint(), proxy);
      Connection connection = attempt(route, site, progress);
      if (connection != null) {
        return connection;
      }
    }
    Set<String> tried = new HashSet<>();
    // Static relays (an edge relay) first: they need no broadcast.
    List<KnownRelay> statics =
        discovery.relays().stream().filter(r -> r.source() == KnownRelay.Source.STATIC).toList();
    Connection viaRelay = throughRelays(statics, sites, tried, progress, purpose);
    if (viaRelay != null) {
      return viaRelay;
    }
    if (purpose != Purpose.KNOWN_ROUTES) {
      viaRelay = throughANewRound(sites, tried, progress, purpose);
      if (viaRelay != null) {
        return viaRelay;
      }
    }
    // Then the relays known: the rest of this round's responders and those of earlier rounds.
    viaRelay = throughRelays(discovery.relays(), sites, tried, progress, purpose);
    if (viaRelay != null) {
      return viaRelay;
    }
    throw new IOException(
        purpose == Purpose.KNOWN_ROUTES
            ? "no management server is reachable directly or through a relay already known"
            : "no management server is reachable, directly or through a relay");
  }

  /**
   * The direct path failed: discovers now, and tries the first valid offer the moment it arrives
   * while the round goes on collecting. Returns {@code null} when that relay does not serve.
   */
  private Connection throughANewRound(
      List<ManagementSite> sites, Set<String> tried, Consumer<String> progress, Purpose purpose)
      throws InterruptedException {
    progress.accept("direct path failed; discovering relays");
    CompletableFuture<KnownRelay> first = new CompletableFuture<>();
    CompletableFuture<DiscoveryRound> round =
        discovery.discover(
            relay -> {
              progress.accept(
                  "offer from relay "
                      + relay.relayId()
                      + " at "
                      + relay.tunnelAddress()
                      + " after "
                      + relay.roundTrip().toMillis()
                      + " ms");
              first.complete(relay);
            });
    round.whenComplete((r, e) -> first.complete(null));
    KnownRelay firstOffer = await(first);
    if (firstOffer != null) {
      Connection viaRelay = throughRelays(List.of(firstOffer), sites, tried, progress, purpose);
      if (viaRelay != null) {
        return viaRelay;
      }
    }
    if (await(round) == null) {
      progress.accept("discovery failed");
    }
    return null;
  }

  private static <T> T await(CompletableFuture<T> future) throws InterruptedException {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  private Connection throughRelays(
      List<KnownRelay> relays,
      List<ManagementSite> sites,
      Set<String> tried,
      Consumer<String> progress,
      Purpose purpose)
      throws InterruptedException {
    for (KnownRelay relay : relays) {
      if (!tried.add(relay.relayId())) {
        continue;
      }
      Route.ViaRelay route = new Route.ViaRelay(relay.relayId(), relay.tunnelAddress());
      if (purpose == Purpose.ENROLLMENT) {
        try {
          return openRelayItself(route, sites.get(0));
        } catch (IOException e) {
          RelayFailure failure = failures.record(route, relay.source(), e);
          progress.accept("enrollment via " + route.describe() + ": " + failure.detail());
          continue;
        }
      }
      boolean relayFailed = false;
      for (ManagementSite site : sites) {
        try {
          return open(route, site);
        } catch (IOException e) {
          RelayFailure failure = failures.record(route, relay.source(), e);
          progress.accept(site.name() + " via " + route.describe() + ": " + failure.detail());
          // 403: this site is not in the relay's list; another site may be.
          if (!(e instanceof RelayRefusedException refused && refused.status() == 403)) {
            relayFailed = true;
            break;
          }
        }
      }
      if (relayFailed && relay.source() == KnownRelay.Source.DISCOVERED) {
        discovery.forget(relay.relayId());
      }
    }
    return null;
  }

  private Connection attempt(Route route, ManagementSite site, Consumer<String> progress)
      throws InterruptedException {
    try {
      return open(route, site);
    } catch (IOException e) {
      progress.accept(
          site.name()
              + " "
              + site.endpoint()
              + " "
              + route.describe()
              + ": "
              + RelayFailure.of(e, failures.clock().instant()).detail());
      return null;
    }
  }

  private Connection open(Route route, ManagementSite site)
      throws IOException, InterruptedException {
    return session(channels.open(route, site.endpoint()), site.endpoint().toString(), route, site);
  }

  private Connection openRelayItself(Route.ViaRelay route, ManagementSite site)
      throws IOException, InterruptedException {
    String relay = IpLiterals.format(route.address());
    return session(channels.openRelay(route), relay, route, site);
  }

  private Connection session(
      CompletableFuture<Channel> opening, String authority, Route route, ManagementSite site)
      throws IOException, InterruptedException {
    try {
      Channel channel = opening.get(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS);
      HttpSession session =
          HttpSession.over(channel, authority, MAX_RESPONSE_BYTES, exchangeTimeout);
      String relayName =
          route instanceof Route.ViaRelay relay
              ? ServerChannels.relayName(channel).orElse(relay.relayId())
              : null;
      return new Connection(session, route, site, relayName);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      // The attempt goes on in the background: whatever it opens later is closed at once.
      opening.thenAccept(Channel::close);
      throw new IOException("no connection within " + attemptTimeout.toSeconds() + " s", e);
    }
  }

  /**
   * Direct, or through the policy's proxy (manual, or the system's) unless the host bypasses it.
   */
  static Route directRoute(HostPort server, ProxyPolicy proxy) throws IOException {
    if (proxy.mode() == ProxyMode.MANUAL
        && proxy.server().isPresent()
        && !proxy.bypasses(server.host())) {
      String user = proxy.credentials().map(c -> c.user()).orElse(null);
      String password = null;
      if (proxy.credentials().isPresent()) {
        password = Files.readString(proxy.credentials().get().passwordFile()).strip();
      }
      return new Route.ViaHttpProxy(proxy.server().get(), user, password);
    }
    if (proxy.mode() == ProxyMode.SYSTEM && !proxy.bypasses(server.host())) {
      for (Proxy candidate : ProxySelector.getDefault().select(URI.create("https://" + server))) {
        if (candidate.type() == Proxy.Type.HTTP
            && candidate.address() instanceof InetSocketAddress address) {
          return new Route.ViaHttpProxy(
              new HostPort(address.getHostString(), address.getPort()), null, null);
        }
      }
    }
    return new Route.Direct();
  }
}
