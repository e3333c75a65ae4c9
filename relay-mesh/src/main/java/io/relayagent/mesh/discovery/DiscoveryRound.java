package io.relayagent.mesh.discovery;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one discovery round.
 *
 * @param relays every relay whose offer was valid, once each, in arrival order
 * @param firstOfferAfter from sending until the first valid offer; {@code null} when none came
 * @param dropped offers dropped (malformed, not for this round, duplicate, stale, untrusted)
 */
public record DiscoveryRound(List<KnownRelay> relays, Duration firstOfferAfter, int dropped) {
  public DiscoveryRound {
    relays = List.copyOf(relays);
  }
}
