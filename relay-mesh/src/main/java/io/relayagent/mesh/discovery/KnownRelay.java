package io.relayagent.mesh.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A relay an agent can tunnel through: discovered on the LAN or configured (an edge relay).
 *
 * @param relayId the relay's id (for a static relay, {@code host:port})
 * @param tunnelAddress where its tunnel listener is: the offer's source address exactly as received
 *     (an IPv6 link-local address keeps its scope) with the offered port, or an unresolved host
 *     name for a static relay
 * @param source how the agent learned of it
 * @param roundTrip from sending the request to receiving the offer; zero for a static relay
 * @param firstSeen when it first answered (or was configured)
 * @param load tunnels open when it answered
 * @param capacity its tunnel limit
 */
public record KnownRelay(
    String relayId,
    InetSocketAddress tunnelAddress,
    Source source,
    Duration roundTrip,
    Instant firstSeen,
    int load,
    int capacity) {

  /** How the agent learned of a relay. */
  public enum Source {
    STATIC,
    DISCOVERED
  }

  public KnownRelay {
    Objects.requireNonNull(relayId, "relayId");
    Objects.requireNonNull(tunnelAddress, "tunnelAddress");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(roundTrip, "roundTrip");
    Objects.requireNonNull(firstSeen, "firstSeen");
  }

  /** The same relay, first seen at {@code when} (a rediscovered relay keeps its first sighting). */
  KnownRelay firstSeenAt(Instant when) {
    return new KnownRelay(relayId, tunnelAddress, source, roundTrip, when, load, capacity);
  }
}
