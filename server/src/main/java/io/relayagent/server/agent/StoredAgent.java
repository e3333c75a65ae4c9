package io.relayagent.server.agent;

import io.relayagent.protocol.agent.StatusReport;

/**
 * The file the server keeps for each agent that reported ({@code agents/<sha-256 of id>.json}): its
 * last status report as it came, when and from where.
 */
record StoredAgent(String agentId, String lastSeen, String address, StatusReport status) {}
