package io.relayagent.sitelist;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a relay's SiteList covers its agents' lists: a relay forwards only to its own sites,
 * so every enabled site of every agent list must be reachable through it at every host and port the
 * agent may use (each of {@code Server}, {@code ServerName}, {@code ServerIP} with each of the
 * site's ports).
 */
public final class SupersetCheck {

  /** An agent's SiteList, with the name (usually the file) to report it under. */
  public record AgentList(String name, SiteLists lists) {}

  /** An enabled agent site the relay does not cover, and the endpoints it lacks. */
  public record MissingSite(String agentList, Site site, List<HostPort> missingEndpoints) {
    @Override
    public String toString() {
      return agentList
          + ": "
          + site.describe()
          + " is not in the relay's list; missing "
          + missingEndpoints;
    }
  }

  /** The outcome: empty {@code missing} means the relay's list is a superset. */
  public record Report(List<MissingSite> missing) {
    public Report {
      missing = List.copyOf(missing);
    }

    public boolean isSuperset() {
      return missing.isEmpty();
    }
  }

  private SupersetCheck() {}

  public static Report check(SiteLists relay, List<AgentList> agents) {
    SiteIndex relayIndex = SiteIndex.of(relay);
    List<MissingSite> missing = new ArrayList<>();
    for (AgentList agent : agents) {
      agent
          .lists()
          .sitesInOrder()
          .filter(Site::isEnabled)
          .forEach(
              site -> {
                List<HostPort> lacking =
                    site.endpoints().stream().filter(e -> !relayIndex.allows(e)).toList();
                if (!lacking.isEmpty()) {
                  missing.add(new MissingSite(agent.name(), site, lacking));
                }
              });
    }
    return new Report(missing);
  }
}
