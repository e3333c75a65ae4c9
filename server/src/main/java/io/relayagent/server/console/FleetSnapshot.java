package io.relayagent.server.console;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.protocol.json.Version;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.server.agent.AgentSummaries;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.edge.EdgeRelayRegistry;
import io.relayagent.server.repo.Repository;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one console page shows, read once per request through the same services as the admin API
 * ({@code /admin/v1/agents}, {@code /admin/v1/relay-statistics}, the edge relay registry, the
 * catalog), so the console shows what the API answers whatever stores them.
 */
record FleetSnapshot(
    List<AgentSummary> agents,
    List<RelayStatisticsEntry> relays,
    List<EdgeRelay> edgeRelays,
    Catalog catalog) {

  static FleetSnapshot take(
      AgentSummaries agents, EdgeRelayRegistry registry, Repository repository) throws IOException {
    return new FleetSnapshot(
        agents.list(), agents.relayStatistics(), registry.list(), repository.catalog());
  }

  Set<String> edgeRelayHosts() {
    return edgeRelays.stream()
        .map(relay -> relay.address().host().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }

  Route route(AgentSummary agent) {
    return Route.of(agent, edgeRelayHosts());
  }

  /** The agents whose last report came through {@code relayId}. */
  List<AgentSummary> agentsBehind(String relayId) {
    return agents.stream().filter(a -> relayId.equals(a.relay())).toList();
  }

  /**
   * The outcome of an agent's last ASCI as the server can tell it: an ASCI that reached the server
   * sent a status report, and one that did not is not heard of (its time shows how long ago the
   * last one was).
   */
  String outcome(AgentSummary agent) {
    return agent.reported() == null ? "no report yet" : "ok";
  }

  /**
   * The content version the agent reported against the catalog's. An agent reports before it
   * downloads, so after a catalog change it shows the previous version until its next ASCI.
   */
  String content(AgentSummary agent) {
    Version content = agent.contentVersion();
    long current = catalog.version();
    if (content == null || content.number() == null) {
      return "-";
    }
    if (content.number() < current) {
      return "v" + content.number() + " (catalog v" + current + ")";
    }
    return "v" + content.number();
  }
}
