package io.relayagent.sitelist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The enabled sites of a SiteList, looked up by endpoint. A relay asks it whether a {@code CONNECT
 * host:port} is allowed; the superset check asks it whether an agent's site is covered.
 *
 * <p>Immutable; build a new one when the SiteList changes.
 */
public final class SiteIndex {

  private final Map<HostPort, List<Site>> sitesByEndpoint;

  private SiteIndex(Map<HostPort, List<Site>> sitesByEndpoint) {
    this.sitesByEndpoint = sitesByEndpoint;
  }

  /** Indexes every enabled site of every list in {@code lists}. */
  public static SiteIndex of(SiteLists lists) {
    Map<HostPort, List<Site>> index = new LinkedHashMap<>();
    lists
        .sitesInOrder()
        .filter(Site::isEnabled)
        .forEach(
            site -> {
              for (HostPort endpoint : site.endpoints()) {
                index.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(site);
              }
            });
    index.replaceAll((endpoint, sites) -> List.copyOf(sites));
    return new SiteIndex(Collections.unmodifiableMap(index));
  }

  /** Whether an enabled site is reachable at exactly this (canonical) host and port. */
  public boolean allows(HostPort endpoint) {
    return sitesByEndpoint.containsKey(endpoint);
  }

  /**
   * Whether {@code host:port} as written by a client names an enabled site. Text that is not a
   * plain host or IP literal (see {@link HostPort}) is never allowed.
   */
  public boolean allows(String host, int port) {
    return findSite(host, port).isPresent();
  }

  /** The first enabled site (in connection order) at {@code host:port}, if any. */
  public Optional<Site> findSite(String host, int port) {
    try {
      String canonical =
          host.startsWith("[")
              ? HostPort.parse(host, port).host()
              : HostPort.parse(host.indexOf(':') >= 0 ? "[" + host + "]" : host, port).host();
      List<Site> sites = sitesByEndpoint.get(new HostPort(canonical, port));
      return sites == null ? Optional.empty() : Optional.of(sites.get(0));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Every allowed endpoint. */
  public Set<HostPort> endpoints() {
    return sitesByEndpoint.keySet();
  }
}
