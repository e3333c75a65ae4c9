package io.relayagent.protocol.control;

import io.relayagent.protocol.agent.RelayStatistics;

/**
 * The relay part of a {@link ControlStatus}.
 *
 * @param enabled whether the policy switches relay capability on
 * @param running whether the relay's listeners are up
 * @param tunnelPort the tunnel listener's port, 0 when not running
 * @param openTunnels tunnels open now
 * @param upstreamReachable whether the relay reached the management server lately
 * @param cacheDamaged content cache objects dropped since the relay started because their files
 *     were damaged or changed on disk (each fetched again, never served as it was)
 * @param stoppedLocally why the relay is not running although the policy enables it, when a local
 *     administrator stopped it ({@code relay-agent relay-capability stop}): {@code stopped locally
 *     by an administrator at <ISO-8601>}; {@code null} when it is not stopped locally
 * @param statistics what the relay has carried since it started; {@code null} when it is not
 *     running (and from an agent older than this member)
 */
public record RelayCapabilityStatus(
    boolean enabled,
    boolean running,
    int tunnelPort,
    int openTunnels,
    boolean upstreamReachable,
    long cacheDamaged,
    String stoppedLocally,
    RelayStatistics statistics) {

  /** A relay part not stopped locally and without statistics: off, or not running. */
  public RelayCapabilityStatus(
      boolean enabled,
      boolean running,
      int tunnelPort,
      int openTunnels,
      boolean upstreamReachable,
      long cacheDamaged) {
    this(enabled, running, tunnelPort, openTunnels, upstreamReachable, cacheDamaged, null, null);
  }
}
