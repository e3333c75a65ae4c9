package io.relayagent.cli.sitelist;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Problems;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.sitelist.SupersetCheck;
import io.relayagent.sitelist.SupersetCheck.AgentList;
import io.relayagent.sitelist.SupersetCheck.MissingSite;
import io.relayagent.xml.XmlFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-agent sitelist check --relay RELAY.xml AGENT.xml...}. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check that a relay's SiteList covers every enabled site of its agents' lists, at every"
          + " host and port an agent may use.",
      "A relay forwards only to its own sites, so an uncovered site is unreachable through it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the relay's list is a superset",
      "1:a site is missing from the relay's list",
      "2:a file is unreadable or invalid (each problem printed as FILE:LINE:COLUMN: message)"
    })
public final class SitelistCheckCommand implements Callable<Integer> {

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--relay",
      required = true,
      paramLabel = "RELAY.xml",
      description =
          "The relay's own SiteList.xml: the list that must cover the agents' lists (the"
              + " superset).")
  private Path relay;

  @Parameters(
      arity = "1..*",
      paramLabel = "AGENT.xml",
      description =
          "The SiteList.xml files of the agents that use this relay; each of their enabled sites"
              + " must be in the relay's list.")
  private List<Path> agents;

  @Mixin private JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean unreadable = false;
    SiteLists relayLists = null;
    try {
      relayLists = SiteListReader.read(relay);
    } catch (XmlFileException e) {
      Problems.print(err, e);
      unreadable = true;
    }
    List<AgentList> agentLists = new ArrayList<>();
    for (Path agent : agents) {
      try {
        agentLists.add(new AgentList(agent.toString(), SiteListReader.read(agent)));
      } catch (XmlFileException e) {
        Problems.print(err, e);
        unreadable = true;
      }
    }
    if (unreadable) {
      return ExitCodes.INVALID_INPUT;
    }
    SupersetCheck.Report report = SupersetCheck.check(relayLists, agentLists);
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(toJson(report)));
    } else {
      printText(out, report);
    }
    out.flush();
    return report.isSuperset() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private void printText(PrintWriter out, SupersetCheck.Report report) {
    if (report.isSuperset()) {
      out.printf("OK: %s covers every enabled site of %d agent list(s)%n", relay, agents.size());
      return;
    }
    Table table = new Table("AGENT LIST", "KIND", "SITE", "MISSING ENDPOINTS");
    for (MissingSite missing : report.missing()) {
      table.add(
          missing.agentList(),
          missing.site().kind().elementName(),
          missing.site().name(),
          missing.missingEndpoints().stream()
              .map(HostPort::toString)
              .collect(Collectors.joining(", ")));
    }
    table.print(out);
    out.printf(
        "MISSING: %s lacks %d site(s) of its agents' lists; agents cannot reach them through this"
            + " relay%n",
        relay, report.missing().size());
  }

  private Map<String, Object> toJson(SupersetCheck.Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("relay", relay.toString());
    root.put("superset", report.isSuperset());
    List<Object> missing = new ArrayList<>();
    for (MissingSite site : report.missing()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("agentList", site.agentList());
      entry.put("kind", site.site().kind().elementName());
      entry.put("name", site.site().name());
      entry.put("server", site.site().server());
      entry.put(
          "missingEndpoints", site.missingEndpoints().stream().map(HostPort::toString).toList());
      missing.add(entry);
    }
    root.put("missing", missing);
    return root;
  }
}
