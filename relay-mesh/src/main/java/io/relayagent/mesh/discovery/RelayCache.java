package io.relayagent.mesh.discovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relays an agent may use, in the order it tries them: static relays (an edge relay) first,
 * then the first {@code capacity} unique relays that answered discovery, in arrival order.
 *
 * <p>Each discovery round puts its responders first; relays from earlier rounds that have not
 * expired follow, so one quiet round does not empty the list. A discovered relay expires {@code
 * expiry} after it last answered (a few ASCIs). Relays are told apart by relay id, so a relay that
 * answers on two interfaces counts once. Time comes from the injected clock, so expiry is tested
 * without sleeping.
 *
 * <pre>{@code
 * RelayCache cache = new RelayCache(5, Duration.ofHours(3), Clock.systemUTC());
 * cache.recordRound(offersInArrivalOrder);
 * for (KnownRelay relay : cache.relays()) { ... try it ... }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RelayCache {

  private final int capacity;
  private final Duration expiry;
  private final Clock clock;
  private final Cache<String, KnownRelay> discovered;
  private final List<String> order = new ArrayList<>();
  private List<KnownRelay> staticRelays = List.of();

  public RelayCache(int capacity, Duration expiry, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.expiry = expiry;
    this.clock = clock;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.discovered =
        Caffeine.newBuilder()
            // The order and the limit are kept by recordRound; the bound is a backstop with
            // room to spare, since Caffeine may evict a little before reaching its limit.
            .maximumSize(2L * capacity)
            .expireAfterWrite(expiry)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Replaces the configured relays (from the policy); they never expire. A relay the policy named
   * before keeps its first sighting, so that a policy applied again does not make it look new.
   */
  public synchronized void setStaticRelays(List<KnownRelay> relays) {
    Map<String, KnownRelay> earlier = new LinkedHashMap<>();
    staticRelays.forEach(relay -> earlier.put(relay.relayId(), relay));
    List<KnownRelay> kept = new ArrayList<>();
    for (KnownRelay relay : relays) {
      KnownRelay before = earlier.get(relay.relayId());
      kept.add(before == null ? relay : relay.firstSeenAt(before.firstSeen()));
    }
    this.staticRelays = List.copyOf(kept);
  }

  /**
   * Records one discovery round's valid offers in arrival order: the first {@code capacity} unique
   * relays come first, then earlier relays that are still fresh.
   */
  public synchronized void recordRound(List<KnownRelay> responders) {
    Map<String, KnownRelay> round = new LinkedHashMap<>();
    for (KnownRelay relay : responders) {
      if (round.size() == capacity) {
        break;
      }
      round.putIfAbsent(relay.relayId(), relay);
    }
    List<String> newOrder = new ArrayList<>(round.keySet());
    for (String relayId : order) {
      if (newOrder.size() == capacity) {
        break;
      }
      if (!round.containsKey(relayId) && discovered.getIfPresent(relayId) != null) {
        newOrder.add(relayId);
      }
    }
    Map<String, KnownRelay> earlier = new LinkedHashMap<>(discovered.asMap());
    discovered.asMap().keySet().retainAll(newOrder);
    for (KnownRelay relay : round.values()) {
      KnownRelay before = earlier.get(relay.relayId());
      discovered.put(
          relay.relayId(), before == null ? relay : relay.firstSeenAt(before.firstSeen()));
    }
    order.clear();
    order.addAll(newOrder);
  }

  /** Forgets a discovered relay (it failed and the agent wants a fresh round to find it). */
  public synchronized void remove(String relayId) {
    discovered.invalidate(relayId);
    order.remove(relayId);
  }

  /** Static relays, then the fresh discovered ones in order. */
  public synchronized List<KnownRelay> relays() {
    List<KnownRelay> all = new ArrayList<>(staticRelays);
    all.addAll(discoveredRelays());
    return all;
  }

  /** The fresh discovered relays, first responder first. */
  public synchronized List<KnownRelay> discoveredRelays() {
    List<KnownRelay> fresh = new ArrayList<>();
    for (String relayId : order) {
      KnownRelay relay = discovered.getIfPresent(relayId);
      if (relay != null) {
        fresh.add(relay);
      }
    }
    return fresh;
  }

  /** How long a discovered relay stays after it last answered. */
  public Duration expiry() {
    return expiry;
  }

  /** The clock this cache reads; callers stamp relays with the same one. */
  public Clock clock() {
    return clock;
  }
}
