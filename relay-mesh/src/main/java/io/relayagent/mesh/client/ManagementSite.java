package io.relayagent.mesh.client;

import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.Site;
import io.relayagent.sitelist.SiteKind;
import io.relayagent.sitelist.SiteLists;
import java.util.List;

/**
 * A management server the agent may talk to: an enabled {@code SpipeSite}, reached over HTTPS at
 * its {@code Server} host on its {@code SecurePort} (or the port {@code Server} names).
 */
public record ManagementSite(String name, HostPort endpoint) {

  /** The enabled management servers of {@code lists}, in the order the agent tries them. */
  public static List<ManagementSite> of(SiteLists lists) {
    return lists
        .sitesInOrder()
        .filter(site -> site.kind() == SiteKind.SPIPE && site.isEnabled())
        .map(ManagementSite::of)
        .toList();
  }

  private static ManagementSite of(Site site) {
    HostPort server = HostPort.parse(site.server().trim(), SiteKind.SPIPE.defaultPort());
    return new ManagementSite(
        site.name(), new HostPort(server.host(), site.securePort().orElse(server.port())));
  }
}
