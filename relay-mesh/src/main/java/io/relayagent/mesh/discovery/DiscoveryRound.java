package io.relayagent.mesh.discovery;

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
 */
public record DiscoveryRound(
    List<KnownRelay> relays, Duration requestSentAfter, Duration firstOfferAfter, int dropped) {
  public DiscoveryRound {
    relays = List.copyOf(relays);
  }

  /** A round that sent nothing (discovery is off). */
  public static DiscoveryRound none() {
    return new DiscoveryRound(List.of(), null, null, 0);
  }
}
