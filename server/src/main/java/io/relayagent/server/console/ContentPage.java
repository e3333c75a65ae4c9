package io.relayagent.server.console;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.repo.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The content versions: the catalog's files, and how many agents hold each version. */
final class ContentPage {
  private ContentPage() {}

  static HtmlPage content(FleetSnapshot fleet) {
    List<List<Cell>> files = new ArrayList<>();
    for (CatalogEntry file : fleet.catalog().files()) {
      files.add(
          List.of(
              Cell.text(file.name()),
              Cell.text(file.version()),
              Cell.text(Bytes.format(file.size())),
              Cell.text(file.sha256())));
    }
    Map<String, Integer> byVersion = new TreeMap<>();
    for (AgentSummary agent : fleet.agents()) {
      String version =
          agent.contentVersion() == null ? "none reported" : "v" + agent.contentVersion();
      byVersion.merge(version, 1, Integer::sum);
    }
    List<List<Cell>> versions = new ArrayList<>();
    byVersion.forEach(
        (version, count) -> versions.add(List.of(Cell.text(version), Cell.text(count))));
    return HtmlPage.signedIn("Content")
        .heading("Content versions")
        .paragraph("The signed catalog is at version " + fleet.catalog().version() + ".")
        .table(
            "catalog",
            List.of("File", "Version", "Size", "SHA-256"),
            files,
            "The repository is empty.")
        .subheading("Agents by content version")
        .table("agent-versions", List.of("Content version", "Agents"), versions, "No agents.");
  }
}
