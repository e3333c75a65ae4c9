package io.relayagent.server.console;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.agent.StatusReport;
import java.util.Locale;
import java.util.Set;

/**
 * How an agent reached the server at its last report: {@code direct}, {@code relay X} (a peer on
 * its LAN), or {@code edge relay X} when X is the host of an edge relay registered with the server
 * (an edge relay's certificate names its host, and the agent reports that name).
 *
 * @param relayId the relay's id, or null when direct or unknown
 */
record Route(String text, String relayId) {

  static Route of(AgentSummary agent, Set<String> edgeRelayHosts) {
    if (agent.mode() == null) {
      return new Route("unknown (no report yet)", null);
    }
    if (agent.mode() == StatusReport.Mode.DIRECT || agent.relay() == null) {
      return new Route("direct", null);
    }
    String kind =
        edgeRelayHosts.contains(agent.relay().toLowerCase(Locale.ROOT)) ? "edge relay " : "relay ";
    return new Route(kind + agent.relay(), agent.relay());
  }
}
