package io.relayagent.server.agent;

import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an agent reports at each ASCI ({@code POST /agent/v1/status}).
 *
 * @param policyVersion the version of the policy in force (a string or a number, as the agent has
 *     it), or {@code null}
 * @param contentVersion the catalog version the agent's content matches, or {@code null}
 * @param mode {@code direct} or {@code relay}
 * @param relay the relay id the agent reaches the server through; {@code null} when direct
 * @param time when the agent made the report, ISO-8601 as it sent it
 */
public record StatusReport(
    String agentId,
    String agentVersion,
    Object policyVersion,
    Object contentVersion,
    String mode,
    String relay,
    String time) {

  static final int MAX_TEXT = 256;

  public static StatusReport parse(Map<String, Object> json) throws HttpProblem {
    JsonFields fields = JsonFields.of(json);
    String mode = fields.oneOf("mode", Set.of("direct", "relay"));
    String relay = fields.optionalString("relay", MAX_TEXT);
    if (mode.equals("relay") && (relay == null || relay.isEmpty())) {
      throw fields.problem("relay", "is required when mode is relay");
    }
    if (mode.equals("direct") && relay != null) {
      throw fields.problem("relay", "must be null when mode is direct");
    }
    return new StatusReport(
        fields.string("agentId", MAX_TEXT),
        fields.string("agentVersion", MAX_TEXT),
        fields.version("policyVersion", MAX_TEXT),
        fields.version("contentVersion", MAX_TEXT),
        mode,
        relay,
        fields.time("time"));
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("agentId", agentId);
    json.put("agentVersion", agentVersion);
    json.put("policyVersion", policyVersion);
    json.put("contentVersion", contentVersion);
    json.put("mode", mode);
    json.put("relay", relay);
    json.put("time", time);
    return json;
  }
}
