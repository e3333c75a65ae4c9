package io.relayagent.agent;

import io.relayagent.agent.identity.CertificateStatus;
import io.relayagent.agent.proxy.EffectiveProxy;
import io.relayagent.protocol.control.RelayCapabilityStatus;
import java.time.Instant;

/**
 * What {@code relay-agent status} shows: how the agent last reached its server, the last ASCI and
 * its outcome, the event queue, and the relay part.
 *
 * @param mode "direct", "proxy", "relay" or "none" (no server reached yet)
 * @param route the route of the last ASCI, such as "relay relay-2" or "direct"
 * @param server the management server reached, host:port
 * @param proxy the proxy the next ASCI uses and where it comes from
 */
public record AgentStatus(
    String agentId,
    String mode,
    String route,
    String server,
    Instant lastAsci,
    String lastOutcome,
    long queueDepth,
    long eventsDropped,
    String policyVersion,
    long contentVersion,
    RelayCapabilityStatus relay,
    CertificateStatus certificate,
    EffectiveProxy proxy) {}
