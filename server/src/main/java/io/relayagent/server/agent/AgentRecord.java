package io.relayagent.server.agent;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.agent.StatusReport;
import java.time.Instant;

/**
 * What the server knows of one agent.
 *
 * @param status its last report, or {@code null} if it has not sent one since it was first seen
 * @param lastSeen when it last made a request
 * @param address the address it last connected from (a relay's, when it came through one)
 */
public record AgentRecord(String agentId, StatusReport status, Instant lastSeen, String address) {

  /**
   * The agent as {@code GET /admin/v1/agents} lists it.
   *
   * @param currentRoot the fingerprint of the server's current root, to tell whether the agent's
   *     certificate is from a previous one; {@code null} if unknown
   */
  public AgentSummary summary(long eventsStored, String currentRoot) {
    return AgentSummary.of(
        agentId, lastSeen.toString(), address, status, eventsStored, currentRoot);
  }
}
