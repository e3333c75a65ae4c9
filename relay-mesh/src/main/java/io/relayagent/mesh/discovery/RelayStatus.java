package io.relayagent.mesh.discovery;

/**
 * What a relay tells agents about itself, and whether it answers at all: a relay that cannot reach
 * any server of its SiteList, or is at its connection limit, stays silent so that agents never wait
 * on a relay that would fail them.
 *
 * @param upstreamReachable whether a site of the relay's SiteList answered its last probe
 * @param load tunnels open now
 * @param capacity the most tunnels it accepts
 * @param capabilities {@code DiscoveryProtocol.CAPABILITY_*} bits
 */
public record RelayStatus(boolean upstreamReachable, int load, int capacity, int capabilities) {

  public boolean canServe() {
    return upstreamReachable && load < capacity;
  }
}
