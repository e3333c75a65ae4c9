package io.relayagent.server.agent;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.http.Document;
import io.relayagent.trust.TrustSource;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
  public List<AgentSummary> list() throws IOException {
    String root = currentRoot();
    Map<String, Long> counts = events.countsByAgent();
    List<AgentSummary> summaries = new ArrayList<>();
    for (AgentRecord agent : agents.list()) {
      summaries.add(agent.summary(counts.getOrDefault(agent.agentId(), 0L), root));
    }
    return summaries;
  }

  /**
   * Each relay's latest statistics, by relay id: from the last status report of every agent whose
   * relay capability was running then. The reports are kept durably, so these survive a restart.
   */
  public List<RelayStatisticsEntry> relayStatistics() throws IOException {
    return agents.relayStatistics();
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
