package io.relayagent.config;

import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How this agent finds relays when its direct path fails ({@code <relayClient>}).
 *
 * @param discoveryEnabled whether the agent broadcasts discovery requests (static relays are used
 *     either way)
 * @param discoveryPort the UDP port of discovery requests, on relays and agents alike
 * @param multicastGroup the IPv6 group discovery requests go to (IPv4 uses broadcast)
 * @param collectWindow how long the agent keeps collecting offers after the first one
 * @param cachedRelays how many unique relays the agent remembers
 * @param cacheExpiryAscis how many ASCIs a remembered relay stays in the cache
 * @param staticRelays relays reached by name, tried before discovered ones, in this order
 */
public record RelayClientPolicy(
    boolean discoveryEnabled,
    int discoveryPort,
    Inet6Address multicastGroup,
    Duration collectWindow,
    int cachedRelays,
    int cacheExpiryAscis,
    InterfaceSelection discoveryInterfaces,
    List<HostPort> staticRelays) {

  public static final int DEFAULT_DISCOVERY_PORT = 8082;

  /** {@code ff02::52:4c41}: link-local scope ({@code ff02}); {@code 52:4c41} is "RLA" in ASCII. */
  public static final Inet6Address DEFAULT_MULTICAST_GROUP =
      (Inet6Address) IpLiterals.parse("ff02::52:4c41");

  public static final Duration DEFAULT_COLLECT_WINDOW = Duration.ofMillis(500);
  public static final int DEFAULT_CACHED_RELAYS = 5;
  public static final int DEFAULT_CACHE_EXPIRY_ASCIS = 3;

  /** The port of a static relay whose port the policy does not give: the default tunnel port. */
  public static final int DEFAULT_STATIC_RELAY_PORT = RelayServerPolicy.DEFAULT_TUNNEL_PORT;

  public RelayClientPolicy {
    Objects.requireNonNull(multicastGroup, "multicastGroup");
    Durations.requireWhole(collectWindow, Duration.ofMillis(1), "collectWindow");
    Objects.requireNonNull(discoveryInterfaces, "discoveryInterfaces");
    staticRelays = List.copyOf(staticRelays);
  }

  public static RelayClientPolicy defaults() {
    return new RelayClientPolicy(
        true,
        DEFAULT_DISCOVERY_PORT,
        DEFAULT_MULTICAST_GROUP,
        DEFAULT_COLLECT_WINDOW,
        DEFAULT_CACHED_RELAYS,
        DEFAULT_CACHE_EXPIRY_ASCIS,
        InterfaceSelection.defaults(),
        List.of());
  }

  /** How long a remembered relay stays in the cache at the given ASCI interval. */
  public Duration cacheExpiry(Duration asciInterval) {
    return asciInterval.multipliedBy(cacheExpiryAscis);
  }
}
