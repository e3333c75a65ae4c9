package io.relayagent.mesh.discovery;

import io.netty.channel.EventLoopGroup;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.sitelist.HostPort;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's relay finder: one discovery round over the interfaces its policy selects, the
 * responders recorded in the relay cache, the first valid offer handed over the moment it arrives.
 * The agent calls {@link #discover} at every ASCI and whenever its direct path fails; {@link
 * #applyPolicy} takes a new policy live.
 *
 * <pre>{@code
 * RelayDiscovery discovery = new RelayDiscovery(group, "agent-7", authenticator, clock);
 * discovery.applyPolicy(policy.relayClient(), policy.asciInterval());
 * discovery.discover(first -> tunnelThrough(first));
 * }</pre>
 */
public final class RelayDiscovery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayDiscovery.class);

  /** How long to wait for a first offer; the collect window runs from the first offer on. */
  private static final Duration FIRST_OFFER_TIMEOUT = Duration.ofSeconds(3);

  private final OfferVerifier verifier;
  private final DiscoveryClient client;
  private final Clock clock;
  private final LiveTargets targets = new LiveTargets();
  private volatile RelayClientPolicy policy = RelayClientPolicy.defaults();
  private volatile RelayCache cache;

  public RelayDiscovery(
      EventLoopGroup group, String agentId, OfferAuthenticator authenticator, Clock clock) {
    this.verifier = new OfferVerifier(authenticator);
    // At start, on the verifier's thread: the first offer is then checked as fast as the rest.
    verifier.warmUp();
    this.client = new DiscoveryClient(group, agentId, verifier, clock, null).keepingASocketReady();
    this.clock = clock;
    this.cache = newCache(policy, Duration.ofMinutes(60));
  }

  /**
   * Takes a new policy: discovery settings and static relays apply to the next round; a new cache
   * size or lifetime starts a new, empty cache.
   */
  public synchronized void applyPolicy(RelayClientPolicy newPolicy, Duration asciInterval) {
    RelayCache current = cache;
    boolean sameShape =
        newPolicy.cachedRelays() == policy.cachedRelays()
            && newPolicy.cacheExpiry(asciInterval).equals(current.expiry());
    if (!sameShape) {
      current = newCache(newPolicy, asciInterval);
    }
    current.setStaticRelays(newPolicy.staticRelays().stream().map(this::staticRelay).toList());
    policy = newPolicy;
    cache = current;
  }

  /**
   * Runs a round. Completes with the round (empty when discovery is off); {@code onOffer} sees each
   * valid offer as it arrives, first responder first.
   */
  public CompletableFuture<DiscoveryRound> discover(Consumer<KnownRelay> onOffer) {
    RelayClientPolicy current = policy;
    if (!current.discoveryEnabled()) {
      return CompletableFuture.completedFuture(DiscoveryRound.none());
    }
    LiveTargets.Lookup lookup =
        targets.lookup(
            current.discoveryInterfaces(), current.discoveryPort(), current.multicastGroup());
    CompletableFuture<DiscoveryRound> pending;
    if (lookup.known().isEmpty()) {
      // The first round (or the first since the policy changed them) waits for the targets.
      pending =
          lookup
              .fresh()
              .thenCompose(
                  fresh -> {
                    if (fresh.isEmpty()) {
                      log.warn("no interface selected for discovery is up; no request sent");
                    }
                    return client.discover(
                        fresh, current.collectWindow(), FIRST_OFFER_TIMEOUT, onOffer);
                  });
    } else {
      pending =
          client.discover(
              lookup.known(),
              lookup.fresh(),
              current.collectWindow(),
              FIRST_OFFER_TIMEOUT,
              onOffer);
    }
    return pending.thenApply(
        round -> {
          cache.recordRound(round.relays());
          log.info(
              "discovery: {} relay(s) answered{}",
              round.relays().size(),
              round.firstOfferAfter() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      ", the first offer after %.1f ms",
                      round.firstOfferAfter().toNanos() / 1e6));
          return round;
        });
  }

  /** The relays to try, in order: static, then discovered. */
  public List<KnownRelay> relays() {
    return cache.relays();
  }

  /** Forgets a relay that failed, so the next in order is tried. */
  public void forget(String relayId) {
    cache.remove(relayId);
  }

  @Override
  public void close() {
    client.close();
    targets.close();
    verifier.close();
  }

  private KnownRelay staticRelay(HostPort relay) {
    return new KnownRelay(
        relay.toString(),
        InetSocketAddress.createUnresolved(relay.host(), relay.port()),
        KnownRelay.Source.STATIC,
        Duration.ZERO,
        clock.instant(),
        0,
        0);
  }

  private RelayCache newCache(RelayClientPolicy p, Duration asciInterval) {
    return new RelayCache(p.cachedRelays(), p.cacheExpiry(asciInterval), clock);
  }
}
