package io.relayagent.tests.hosts;

import java.util.ArrayList;
import java.util.List;

/**
 * A SiteList.xml in McAfee ePO's format (docs/sitelist.md), built site by site.
 *
 * <pre>{@code
 * String xml = new SiteListXml().managementServer("epo", "10.77.9.1:8443").xml();
 * }</pre>
 */
public final class SiteListXml {

  private final List<String> sites = new ArrayList<>();

  /** A management server ({@code SpipeSite}) at {@code hostPort}. */
  public SiteListXml managementServer(String name, String hostPort) {
    sites.add(
        "    <SpipeSite Type=\"master\" Name=\"%s\" Order=\"%d\" Server=\"%s\" Enabled=\"1\" Local=\"0\"/>"
            .formatted(name, sites.size() + 1, hostPort));
    return this;
  }

  /** A repository ({@code HttpSite}) at {@code hostPort}, its files under {@code relativePath}. */
  public SiteListXml repository(String name, String hostPort, String relativePath) {
    sites.add(
        ("    <HttpSite Type=\"repository\" Name=\"%s\" Order=\"%d\" Server=\"%s\" Enabled=\"1\">"
                + "<RelativePath>%s</RelativePath></HttpSite>")
            .formatted(name, sites.size() + 1, hostPort, relativePath));
    return this;
  }

  public String xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ns:SiteLists xmlns:ns="naSiteList" Type="Client" GlobalVersion="1" LocalVersion="1">
          <SiteList Default="1" Name="tests">
        %s
          </SiteList>
        </ns:SiteLists>
        """
        .formatted(String.join("\n", sites));
  }
}
