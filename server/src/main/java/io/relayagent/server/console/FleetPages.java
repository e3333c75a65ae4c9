package io.relayagent.server.console;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.server.events.RecentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The fleet page (every agent and its route) and one agent's page (its report and events). */
final class FleetPages {
  static final List<String> AGENT_COLUMNS =
      List.of(
          "Agent", "Last ASCI", "Outcome", "Route", "Content", "Last seen", "Address", "Events");

  private FleetPages() {}

  static HtmlPage fleet(FleetSnapshot fleet) {
    return HtmlPage.signedIn("Fleet")
        .heading("Fleet")
        .paragraph(fleet.agents().size() + " agents; catalog v" + fleet.catalog().version() + ".")
        .table("fleet", AGENT_COLUMNS, rows(fleet, fleet.agents()), "No agent has called yet.");
  }

  /** One row per agent, as the fleet page and a relay's page list them. */
  static List<List<Cell>> rows(FleetSnapshot fleet, List<AgentSummary> agents) {
    List<List<Cell>> rows = new ArrayList<>(agents.size());
    for (AgentSummary agent : agents) {
      Route route = fleet.route(agent);
      rows.add(
          List.of(
              Cell.link(agent.agentId(), ConsolePaths.agent(agent.agentId())),
              Cell.text(Times.format(agent.reported())),
              Cell.text(fleet.outcome(agent)),
              route.relayId() == null
                  ? Cell.text(route.text())
                  : Cell.link(route.text(), ConsolePaths.relay(route.relayId())),
              Cell.text(fleet.content(agent)),
              Cell.text(Times.format(agent.lastSeen())),
              Cell.text(Objects.requireNonNullElse(agent.address(), "-")),
              Cell.text(agent.eventsStored())));
    }
    return rows;
  }

  static HtmlPage agent(FleetSnapshot fleet, AgentSummary agent, List<RecentEvent> events) {
    Route route = fleet.route(agent);
    List<Cell[]> facts = new ArrayList<>();
    fact(facts, "Route", route.text(), route.relayId() == null ? null : route.relayId());
    fact(facts, "Last ASCI", Times.format(agent.reported()), null);
    fact(facts, "Outcome", fleet.outcome(agent), null);
    fact(facts, "Last seen", Times.format(agent.lastSeen()), null);
    fact(facts, "Address", agent.address(), null);
    fact(facts, "Agent version", agent.agentVersion(), null);
    fact(facts, "Policy version", text(agent.policyVersion()), null);
    fact(facts, "Content version", fleet.content(agent), null);
    fact(facts, "Events stored", Long.toString(agent.eventsStored()), null);
    fact(facts, "Certificate expires", agent.certificateExpires(), null);
    fact(facts, "Certificate root", agent.certificateRoot(), null);
    fact(facts, "Relay capability stopped locally", agent.relayCapabilityStoppedLocally(), null);
    List<List<Cell>> rows = new ArrayList<>();
    for (RecentEvent event : events) {
      rows.add(
          List.of(
              Cell.text(Times.format(event.time())),
              Cell.text(Times.format(event.received())),
              Cell.text(event.type()),
              Cell.text(event.priority()),
              Cell.text(event.id()),
              Cell.text(event.data())));
    }
    return HtmlPage.signedIn("Agent " + agent.agentId())
        .heading("Agent " + agent.agentId())
        .facts(facts)
        .subheading("Recent events")
        .table(
            "events",
            List.of("Time", "Received", "Type", "Priority", "Id", "Data"),
            rows,
            "No events stored from this agent.");
  }

  private static void fact(List<Cell[]> facts, String term, String value, String relayId) {
    Cell cell =
        relayId == null
            ? Cell.text(Objects.requireNonNullElse(value, "-"))
            : Cell.link(value, ConsolePaths.relay(relayId));
    facts.add(new Cell[] {Cell.text(term), cell});
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
