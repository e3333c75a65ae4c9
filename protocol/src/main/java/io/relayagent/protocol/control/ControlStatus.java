package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * The answer to {@code status} (and to an ASCI run on request): how the agent last reached its
 * server, the last ASCI and its outcome, the event queue, and the relay part.
 *
 * @param mode {@code direct}, {@code proxy}, {@code relay} or {@code none} (no server reached yet)
 * @param route the route of the last ASCI, such as {@code relay relay-2} or {@code direct}
 * @param server the management server reached, {@code host:port}
 * @param lastAsci when the last ASCI ended, ISO-8601; {@code null} before the first
 * @param lastOutcome {@code ok}, or what failed
 * @param certificate the host's certificate and enrollment state
 * @param proxy the proxy the next ASCI uses and where it comes from (the policy or the local
 *     setting); {@code null} from an agent older than this member, which a command upgraded before
 *     the agent restarts may still ask
 * @param wakeup the connection held open for the server's wake-ups; {@code null} from an agent
 *     older than this member
 */
public record ControlStatus(
    String agentId,
    String mode,
    String route,
    String server,
    String lastAsci,
    String lastOutcome,
    long queueDepth,
    long eventsDropped,
    String policyVersion,
    long contentVersion,
    RelayCapabilityStatus relayCapability,
    ControlCertificate certificate,
    ControlProxy proxy,
    ControlWakeup wakeup) {

  public ControlStatus {
    agentId = Fields.text("agentId", agentId, Fields.MAX_TEXT);
    relayCapability = Fields.required("relayCapability", relayCapability, "an object");
    certificate = Fields.required("certificate", certificate, "an object");
  }
}
