package io.relayagent.server.agent;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.http.Document;
import io.relayagent.trust.TrustSource;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * The agents list of the administrator's API: each agent's last report, its stored events, and
 * whether its certificate is from the current root (the first of the server's trust bundle), so
 * that during a rollover the administrator sees who has not renewed yet before finishing it.
 */
public final class AgentSummaries {
  private final AgentDirectory agents;
  private final EventStore events;
  private final TrustSource trust;

  public AgentSummaries(AgentDirectory agents, EventStore events, TrustSource trust) {
    this.agents = agents;
    this.events = events;
    this.trust = trust;
  }

  /** Every agent, by id. */
  public List<AgentSummary> list() {
    String root = currentRoot();
    return agents.list().stream()
        .map(agent -> agent.summary(events.countFor(agent.agentId()), root))
        .toList();
  }

  /**
   * Each relay's latest statistics, by relay id: from the last status report of every agent whose
   * relay capability was running then. The reports are kept durably, so these survive a restart.
   */
  public List<RelayStatisticsEntry> relayStatistics() {
    return agents.list().stream()
        .filter(agent -> agent.status() != null && agent.status().relayStatistics() != null)
        .map(
            agent ->
                new RelayStatisticsEntry(
                    agent.agentId(), agent.status().time(), agent.status().relayStatistics()))
        .toList();
  }

  /** The SHA-256 (lowercase hex) of the current root, the first the server trusts. */
  String currentRoot() {
    X509Certificate root = trust.current().trustedRoots().get(0);
    try {
      return HexFormat.of().formatHex(Document.sha256(root.getEncoded()));
    } catch (CertificateEncodingException e) {
      return null;
    }
  }
}
