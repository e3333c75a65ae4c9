package io.relayagent.protocol.wakeup;

import io.relayagent.protocol.json.Fields;

/**
 * One agent's line of a {@link WakeupReport}.
 *
 * @param lastSeen the server's time of the agent's last ASCI request before the wake-up, or {@code
 *     null}: a client sees the ASCI the wake-up caused when the agent's {@code lastSeen} moves past
 *     the report's {@code sent}
 */
public record WakeupResult(String agentId, WakeupOutcome outcome, String lastSeen) {
  public WakeupResult {
    agentId = Fields.text("agentId", agentId, Fields.MAX_TEXT);
    outcome = Fields.oneOf("outcome", outcome, WakeupOutcome.class);
    lastSeen = lastSeen == null ? null : Fields.offsetTime("lastSeen", lastSeen);
  }
}
