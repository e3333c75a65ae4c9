package io.relayagent.server;

import java.nio.file.Path;

/**
 * The reference server's directory: what the administrator puts there, and what the server keeps
 * there.
 *
 * <pre>
 * ca.pem, server.pem, server-key.pem   trust and identity (names configurable, see server.properties)
 * server.properties                    optional settings
 * policy.xml                           the base policy handed to every agent (optional: defaults)
 * SiteList.xml                         the SiteList handed to every agent without its own (optional: 404)
 * RelaySiteList.xml                    the SiteList handed to relays (optional: SiteList.xml); it must
 *                                      cover every agent's list
 * sitelists/AGENT-ID.xml               one agent's own SiteList (optional)
 * repo/                                the content repository, served at /repo/
 * admin-token                          the administrator's bearer token (owner-only, made at first start)
 * edge-relays.json                     the registered edge relays
 * enrollment-tokens.json               the enrollment tokens, their secrets' hashes only (owner-only)
 * crl.pem                              the CRL of ca.pem, if the administrator puts one here
 * agents/                              the latest status of each agent, one file per agent
 * events/events.log                    every event received, once each (append-only)
 * state/catalog.json                   the last published catalog, so its version never goes back
 * </pre>
 */
public record ServerDirectory(Path root) {
  public static final String PROPERTIES = "server.properties";

  public Path resolve(String name) {
    return root.resolve(name);
  }

  public Path properties() {
    return root.resolve(PROPERTIES);
  }

  public Path policy() {
    return root.resolve("policy.xml");
  }

  public Path siteList() {
    return root.resolve("SiteList.xml");
  }

  public Path repository() {
    return root.resolve("repo");
  }

  public Path adminToken() {
    return root.resolve("admin-token");
  }

  public Path edgeRelays() {
    return root.resolve("edge-relays.json");
  }

  public Path enrollmentTokens() {
    return root.resolve("enrollment-tokens.json");
  }

  public Path agents() {
    return root.resolve("agents");
  }

  public Path events() {
    return root.resolve("events");
  }

  public Path catalogState() {
    return root.resolve("state").resolve("catalog.json");
  }
}
