package io.relayagent.mesh.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * One datagram as it was read off a round's socket, stamped before anything looked at it: its place
 * in arrival order, the round trip (from sending the request to this read) and the wall-clock time
 * of the read, so that however long checking it takes, neither its rank nor its round trip nor its
 * freshness changes.
 *
 * @param sequence its place in the round's arrival order, from 0
 * @param roundTrip from sending the request until the datagram was read
 * @param arrivedAt the agent's clock when it was read
 * @param sender its source address, exactly as received (an IPv6 link-local one keeps its scope)
 * @param datagram its bytes, copied out of the socket's buffer
 */
record Arrival(
    long sequence,
    Duration roundTrip,
    Instant arrivedAt,
    InetSocketAddress sender,
    byte[] datagram) {}
