package io.relayagent.cli.sitelist;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Problems;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.Site;
import io.relayagent.sitelist.SiteList;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-agent sitelist show FILE [--json]}: the sites in the order agents try them. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "List the sites of a SiteList.xml in the order agents try them (passwords are never shown).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:the file is unreadable or invalid"})
public final class SitelistShowCommand implements Callable<Integer> {

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A SiteList.xml file.")
  private Path file;

  @Mixin private JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SiteLists lists;
    try {
      lists = SiteListReader.read(file);
    } catch (XmlFileException e) {
      Problems.print(spec.commandLine().getErr(), e);
      return ExitCodes.INVALID_INPUT;
    }
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(toJson(lists)));
    } else {
      Table table = new Table("LIST", "ORDER", "KIND", "NAME", "TYPE", "ENABLED", "ENDPOINTS");
      for (SiteList list : lists.siteLists()) {
        for (Site site : list.sitesInOrder()) {
          table.add(
              list.name(),
              site.order() == Integer.MAX_VALUE ? "-" : site.order(),
              site.kind().elementName(),
              site.name(),
              site.type(),
              site.isEnabled() ? "yes" : "no",
              site.endpoints().stream().map(HostPort::toString).collect(Collectors.joining(", ")));
        }
      }
      table.print(out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static Map<String, Object> toJson(SiteLists lists) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", lists.type());
    root.put("globalVersion", lists.globalVersion());
    root.put("localVersion", lists.localVersion());
    List<Object> siteLists = new ArrayList<>();
    for (SiteList list : lists.siteLists()) {
      Map<String, Object> listJson = new LinkedHashMap<>();
      listJson.put("name", list.name());
      listJson.put("default", list.isDefault());
      List<Object> sites = new ArrayList<>();
      for (Site site : list.sitesInOrder()) {
        Map<String, Object> siteJson = new LinkedHashMap<>();
        siteJson.put("kind", site.kind().elementName());
        siteJson.put("name", site.name());
        siteJson.put("type", site.type());
        siteJson.put("order", site.order() == Integer.MAX_VALUE ? null : site.order());
        siteJson.put("enabled", site.isEnabled());
        siteJson.put("local", site.isLocal());
        siteJson.put("server", site.server());
        siteJson.put("serverName", site.serverName());
        siteJson.put("serverIp", site.serverIp());
        siteJson.put("relativePath", site.relativePath());
        siteJson.put("useAuth", site.useAuth());
        siteJson.put("endpoints", site.endpoints().stream().map(HostPort::toString).toList());
        sites.add(siteJson);
      }
      listJson.put("sites", sites);
      siteLists.add(listJson);
    }
    root.put("siteLists", siteLists);
    return root;
  }
}
