package io.relayagent.mesh.discovery;

/**
 * What a relay knows about itself when a request arrives: whether it answers at all, how soon
 * ({@link AnswerRule}), and what its offer says. A relay that cannot reach any server of its
 * SiteList, or is at its connection limit, stays silent so that agents never wait on a relay that
 * would fail them.
 *
 * @param upstreamReachable whether a site of the relay's SiteList answered its last probe
 * @param load tunnels open now
 * @param arriving connections accepted whose handshake or request head is not complete yet
 * @param accepted connections accepted since the relay started: each one keeps a promise (an offer
 *     made and not yet followed by a connection)
 * @param capacity the most tunnels it accepts
 * @param capabilities {@code DiscoveryProtocol.CAPABILITY_*} bits
 * @param busy {@code DiscoveryProtocol.BUSY_*} bits: why the relay is busy, none when it is not
 */
public record RelayStatus(
    boolean upstreamReachable,
    int load,
    int arriving,
    long accepted,
    int capacity,
    int capabilities,
    int busy) {

  public RelayStatus {
    if ((capabilities & DiscoveryProtocol.BUSY_BITS) != 0) {
      throw new IllegalArgumentException("capability bits in the busy byte: " + capabilities);
    }
    if ((busy & ~DiscoveryProtocol.BUSY_BITS) != 0) {
      throw new IllegalArgumentException("busy bits outside the busy byte: " + busy);
    }
  }

  /** A relay that is not busy, with no connection arriving. */
  public RelayStatus(boolean upstreamReachable, int load, int capacity, int capabilities) {
    this(upstreamReachable, load, 0, 0, capacity, capabilities, 0);
  }

  /** Whether it can serve a tunnel at all: upstream reached and room for one more. */
  public boolean canServe() {
    return upstreamReachable && load < capacity;
  }

  public boolean isBusy() {
    return busy != 0;
  }
}
