package io.relayagent.mesh.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one discovery round.
 *
 * @param relays every relay whose offer was valid, once each, in the order their offers arrived
 * @param requestSentAfter from asking for the round until its request was sent (choosing the
 *     targets, opening the socket); {@code null} when nothing was sent
 * @param firstOfferAfter the round trip of the first valid offer: from sending the request until
 *     that offer was read off the socket (its checks come after); {@code null} when none came
 * @param dropped datagrams dropped (malformed, not for this round, duplicate, stale, untrusted, or
 *     beyond the bounds of what may wait to be checked)
 * @param targets where the request was sent, in the order it was sent (each interface's directed
 *     broadcast, the IPv6 group scoped to an interface, 255.255.255.255): what an administrator
 *     checks when nothing answered
 */
public record DiscoveryRound(
    List<KnownRelay> relays,
    Duration requestSentAfter,
    Duration firstOfferAfter,
    int dropped,
    List<InetSocketAddress> targets) {
  public DiscoveryRound {
    relays = List.copyOf(relays);
    targets = List.copyOf(targets);
  }

  /** A round whose targets are not known yet (its client adds them when the round ends). */
  DiscoveryRound(
      List<KnownRelay> relays, Duration requestSentAfter, Duration firstOfferAfter, int dropped) {
    this(relays, requestSentAfter, firstOfferAfter, dropped, List.of());
  }

  /** A round that sent nothing (discovery is off). */
  public static DiscoveryRound none() {
    return new DiscoveryRound(List.of(), null, null, 0);
  }

  /** The same round, sent to {@code sentTo}. */
  DiscoveryRound withTargets(List<InetSocketAddress> sentTo) {
    return new DiscoveryRound(relays, requestSentAfter, firstOfferAfter, dropped, sentTo);
  }
}
