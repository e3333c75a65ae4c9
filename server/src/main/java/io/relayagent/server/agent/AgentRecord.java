package io.relayagent.server.agent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server knows of one agent.
 *
 * @param status its last report, or {@code null} if it has not sent one since it was first seen
 * @param lastSeen when it last made a request
 * @param address the address it last connected from (a relay's, when it came through one)
 */
public record AgentRecord(String agentId, StatusReport status, Instant lastSeen, String address) {

  /** The agent as {@code GET /admin/v1/agents} lists it. */
  public Map<String, Object> toJson(long eventsStored) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("agentId", agentId);
    json.put("lastSeen", lastSeen.toString());
    json.put("address", address);
    json.put("mode", status == null ? null : status.mode());
    json.put("relay", status == null ? null : status.relay());
    json.put("agentVersion", status == null ? null : status.agentVersion());
    json.put("policyVersion", status == null ? null : status.policyVersion());
    json.put("contentVersion", status == null ? null : status.contentVersion());
    json.put("reported", status == null ? null : status.time());
    json.put("eventsStored", eventsStored);
    return json;
  }
}
