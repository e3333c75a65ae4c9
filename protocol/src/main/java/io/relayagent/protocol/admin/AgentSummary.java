package io.relayagent.protocol.admin;

import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.Fields;
import io.relayagent.protocol.json.Version;

/**
 * One agent as {@code GET /admin/v1/agents} lists it. The members of its last {@link StatusReport}
 * are {@code null} until it sends one.
 *
 * @param lastSeen the server's time of the agent's last request (any agent path)
 * @param address the IP address that request came from: for an agent behind a relay, the relay's
 * @param reported the {@code time} of its last status report
 * @param eventsStored events stored from this agent
 */
public record AgentSummary(
    String agentId,
    String lastSeen,
    String address,
    StatusReport.Mode mode,
    String relay,
    String agentVersion,
    Version policyVersion,
    Version contentVersion,
    String reported,
    long eventsStored) {

  public AgentSummary {
    agentId = Fields.text("agentId", agentId, Fields.MAX_TEXT);
  }

  /** The summary of an agent whose last report is {@code status} ({@code null}: none yet). */
  public static AgentSummary of(
      String agentId, String lastSeen, String address, StatusReport status, long eventsStored) {
    return status == null
        ? new AgentSummary(
            agentId, lastSeen, address, null, null, null, null, null, null, eventsStored)
        : new AgentSummary(
            agentId,
            lastSeen,
            address,
            status.mode(),
            status.relay(),
            status.agentVersion(),
            status.policyVersion(),
            status.contentVersion(),
            status.time(),
            eventsStored);
  }
}
