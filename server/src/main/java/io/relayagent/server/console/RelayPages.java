package io.relayagent.server.console;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.server.edge.EdgeRelay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The relays page (each relay's state, the agents it serves, the bytes it carried and what its
 * cache saved; the registered edge relays) and one relay's page with the agents behind it.
 */
final class RelayPages {
  private RelayPages() {}

  static HtmlPage relays(FleetSnapshot fleet) {
    List<List<Cell>> rows = new ArrayList<>();
    for (RelayStatisticsEntry relay : fleet.relays()) {
      RelayStatistics s = relay.statistics();
      rows.add(
          List.of(
              Cell.link(relay.relayId(), ConsolePaths.relay(relay.relayId())),
              Cell.text(state(fleet, relay.relayId())),
              Cell.text(fleet.agentsBehind(relay.relayId()).size()),
              Cell.text(s.agentsServed()),
              Cell.text(s.tunnelsOpen()),
              Cell.text(Bytes.format(s.bytesToAgents() + s.bytesFromAgents())),
              Cell.text(Bytes.format(s.bandwidthSaved())),
              Cell.text(s.cacheHits() + " / " + s.cacheMisses()),
              Cell.text(Times.format(relay.reported()))));
    }
    List<List<Cell>> edges = new ArrayList<>();
    for (EdgeRelay edge : fleet.edgeRelays()) {
      String host = edge.address().host();
      edges.add(
          List.of(
              Cell.link(edge.address().toString(), ConsolePaths.relay(host)),
              Cell.text(Times.format(edge.registered().toString())),
              Cell.text(fleet.agentsBehind(host).size())));
    }
    return HtmlPage.signedIn("Relays")
        .heading("Relays")
        .table(
            "relays",
            List.of(
                "Relay",
                "State",
                "Agents now",
                "Agents served (24 h)",
                "Tunnels open",
                "Bytes carried",
                "Cache savings",
                "Cache hits / misses",
                "Reported"),
            rows,
            "No relay has reported statistics yet.")
        .subheading("Edge relays")
        .table(
            "edge-relays",
            List.of("Edge relay", "Registered", "Agents now"),
            edges,
            "No edge relay is registered.");
  }

  static HtmlPage relay(FleetSnapshot fleet, String relayId) {
    Optional<RelayStatisticsEntry> entry =
        fleet.relays().stream().filter(r -> r.relayId().equals(relayId)).findFirst();
    HtmlPage page = HtmlPage.signedIn("Relay " + relayId).heading("Relay " + relayId);
    if (entry.isPresent()) {
      RelayStatistics s = entry.get().statistics();
      List<Cell[]> facts = new ArrayList<>();
      fact(facts, "State", state(fleet, relayId));
      fact(facts, "Reported", Times.format(entry.get().reported()));
      fact(facts, "Counting since", Times.format(s.since()));
      fact(facts, "Agents served (24 h)", Long.toString(s.agentsServed()));
      fact(facts, "Tunnels open / opened", s.tunnelsOpen() + " / " + s.tunnelsOpened());
      fact(facts, "Bytes to agents", Bytes.format(s.bytesToAgents()));
      fact(facts, "Bytes from agents", Bytes.format(s.bytesFromAgents()));
      fact(
          facts,
          "Cache served / fetched",
          Bytes.format(s.cacheBytesServed()) + " / " + Bytes.format(s.cacheBytesFetched()));
      fact(facts, "Cache savings", Bytes.format(s.bandwidthSaved()));
      fact(facts, "Requests refused", Long.toString(s.refusedTotal()));
      page.facts(facts);
    } else {
      page.paragraph("This relay has reported no statistics (an edge relay, or not running).");
    }
    List<AgentSummary> behind = fleet.agentsBehind(relayId);
    return page.subheading("Agents behind this relay")
        .table(
            "relay-agents",
            FleetPages.AGENT_COLUMNS,
            FleetPages.rows(fleet, behind),
            "No agent reached the server through this relay at its last report.");
  }

  /** A relay's state as its own agent last reported it. */
  private static String state(FleetSnapshot fleet, String relayId) {
    return fleet.agents().stream()
        .filter(a -> a.agentId().equals(relayId))
        .findFirst()
        .map(
            a ->
                a.relayCapabilityStoppedLocally() != null
                    ? "stopped locally at " + a.relayCapabilityStoppedLocally()
                    : "running")
        .orElse("unknown");
  }

  private static void fact(List<Cell[]> facts, String term, String value) {
    facts.add(new Cell[] {Cell.text(term), Cell.text(value)});
  }
}
