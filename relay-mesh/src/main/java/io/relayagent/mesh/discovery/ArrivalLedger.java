package io.relayagent.mesh.discovery;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A round's offers in the order they arrived, while they are checked off the event loop: each
 * datagram takes its place when it is read, and a relay is published only once it is verified and
 * every datagram that arrived before it has been settled. So checks that finish out of order, or a
 * first check that is slow, never reorder the relays, and an offer that fails drops out without
 * moving the rest. The first offer of a relay to pass wins; a later one of the same relay (it
 * answered on IPv4 and IPv6) is a duplicate.
 *
 * <p>Bounded: at most {@value #MAX_WAITING} datagrams wait at once, and at most {@value
 * #MAX_WAITING_PER_SOURCE} from one source address, so a flood holds a fixed amount of memory and
 * one noisy host cannot take the places of the relays. What is refused is the caller's to drop and
 * count.
 *
 * <p>Confined to the round's event loop.
 */
final class ArrivalLedger {

  /** Datagrams waiting at once: far more than the offers of every relay of a segment. */
  static final int MAX_WAITING = 64;

  /**
   * From one address: a relay answers each request it receives (limited and directed broadcast).
   */
  static final int MAX_WAITING_PER_SOURCE = 8;

  /** What becomes of settled offers, in arrival order. */
  interface Outcome {
    /** {@code relay}'s offer passed and everything that arrived before it is settled. */
    void published(KnownRelay relay);

    /** {@code relay} passed again after its first offer of this round was published. */
    void duplicate(KnownRelay relay, InetAddress source);
  }

  /** A waiting datagram: not yet checked ({@code relay == null}) or verified and unpublished. */
  private static final class Place {
    final InetAddress source;
    KnownRelay relay;

    Place(InetAddress source) {
      this.source = source;
    }
  }

  private final Outcome outcome;
  private final TreeMap<Long, Place> waiting = new TreeMap<>();
  private final Map<InetAddress, Integer> waitingBySource = new HashMap<>();
  private final Set<String> published = new HashSet<>();
  private long nextSequence;
  private int mostWaiting;

  ArrivalLedger(Outcome outcome) {
    this.outcome = outcome;
  }

  /**
   * Gives the datagram just read from {@code source} its place in arrival order.
   *
   * @return its sequence number, or -1 when too many datagrams wait (it is to be dropped)
   */
  long admit(InetAddress source) {
    int fromSource = waitingBySource.getOrDefault(source, 0);
    if (waiting.size() >= MAX_WAITING || fromSource >= MAX_WAITING_PER_SOURCE) {
      return -1;
    }
    long sequence = nextSequence++;
    waiting.put(sequence, new Place(source));
    waitingBySource.put(source, fromSource + 1);
    mostWaiting = Math.max(mostWaiting, waiting.size());
    return sequence;
  }

  /** The datagram at {@code sequence} is a valid offer of {@code relay}. */
  void verified(long sequence, KnownRelay relay) {
    Place place = waiting.get(sequence);
    if (place != null) {
      place.relay = relay;
      publishReady();
    }
  }

  /** The datagram at {@code sequence} failed a check, or was never checked: it drops out. */
  void refused(long sequence) {
    Place place = waiting.remove(sequence);
    if (place != null) {
      release(place.source);
      publishReady();
    }
  }

  /**
   * Gives up on every datagram not yet checked (the round is over and its checks ran out of time);
   * publishes the verified ones that waited behind them.
   *
   * @return how many were given up
   */
  int abandonUnchecked() {
    int abandoned = 0;
    for (var entries = waiting.entrySet().iterator(); entries.hasNext(); ) {
      Place place = entries.next().getValue();
      if (place.relay == null) {
        entries.remove();
        release(place.source);
        abandoned++;
      }
    }
    publishReady();
    return abandoned;
  }

  /** Datagrams read and not yet settled. */
  int waiting() {
    return waiting.size();
  }

  /** The most that ever waited at once. */
  int mostWaiting() {
    return mostWaiting;
  }

  private void publishReady() {
    while (!waiting.isEmpty() && waiting.firstEntry().getValue().relay != null) {
      Place place = waiting.pollFirstEntry().getValue();
      release(place.source);
      if (published.add(place.relay.relayId())) {
        outcome.published(place.relay);
      } else {
        outcome.duplicate(place.relay, place.source);
      }
    }
  }

  private void release(InetAddress source) {
    waitingBySource.computeIfPresent(source, (s, count) -> count == 1 ? null : count - 1);
  }
}
