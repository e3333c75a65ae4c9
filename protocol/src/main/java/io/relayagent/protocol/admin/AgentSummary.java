package io.relayagent.protocol.admin;

import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.Fields;
import io.relayagent.protocol.json.Version;
import java.util.Locale;

/**
 * One agent as {@code GET /admin/v1/agents} lists it. The members of its last {@link StatusReport}
 * are {@code null} until it sends one.
 *
 * @param lastSeen the server's time of the agent's last request (any agent path)
 * @param address the IP address that request came from: for an agent behind a relay, the relay's
 * @param reported the {@code time} of its last status report
 * @param eventsStored events stored from this agent
 * @param certificateExpires when the agent's certificate expires, as it last reported
 * @param certificateRoot the SHA-256 fingerprint of the root that issued the agent's certificate,
 *     as it last reported
 * @param previousRoot whether that root is not the first root of the server's trust bundle: during
 *     a rollover, the agent has not renewed yet; {@code null} when the agent did not say
 * @param relayCapabilityStoppedLocally when a local administrator stopped the host's relay
 *     capability, as it last reported; {@code null} when it is not stopped locally
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
    long eventsStored,
    String certificateExpires,
    String certificateRoot,
    Boolean previousRoot,
    String relayCapabilityStoppedLocally) {

  public AgentSummary {
    agentId = Fields.text("agentId", agentId, Fields.MAX_TEXT);
  }

  /**
   * The summary of an agent whose last report is {@code status} ({@code null}: none yet).
   *
   * @param currentRoot the fingerprint (hex, with or without colons) of the current root, or {@code
   *     null} if unknown
   */
  public static AgentSummary of(
      String agentId,
      String lastSeen,
      String address,
      StatusReport status,
      long eventsStored,
      String currentRoot) {
    if (status == null) {
      return new AgentSummary(
          agentId,
          lastSeen,
          address,
          null,
          null,
          null,
          null,
          null,
          null,
          eventsStored,
          null,
          null,
          null,
          null);
    }
    Boolean previousRoot =
        status.certificateRoot() == null || currentRoot == null
            ? null
            : !normalised(status.certificateRoot()).equals(normalised(currentRoot));
    return new AgentSummary(
        agentId,
        lastSeen,
        address,
        status.mode(),
        status.relay(),
        status.agentVersion(),
        status.policyVersion(),
        status.contentVersion(),
        status.time(),
        eventsStored,
        status.certificateExpires(),
        status.certificateRoot(),
        previousRoot,
        status.relayCapabilityStoppedLocally());
  }

  /** Fingerprints compare as lowercase hex without separators, however they were written. */
  private static String normalised(String fingerprint) {
    return fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
  }
}
