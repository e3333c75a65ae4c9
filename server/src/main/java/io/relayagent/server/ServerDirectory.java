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
 * crl.pem                              the CRL of ca.pem, if the administrator puts one here
 * server.db (-wal, -shm)               the SQLite database (owner-only) of agents, status reports,
 *                                      events, edge relays, enrollment tokens, relay statistics,
 *                                      unless server.properties names another (database.url)
 * state/catalog.json                   the last published catalog, so its version never goes back
 * pre-database/                        the files of an older server imported into the database at
 *                                      its first start (agents/, events/events.log,
 *                                      edge-relays.json, enrollment-tokens.json), kept
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

  /** The edge relay registry of servers before the database (imported at the first start). */
  public Path edgeRelays() {
    return root.resolve("edge-relays.json");
  }

  /** The enrollment tokens of servers before the database (imported at the first start). */
  public Path enrollmentTokens() {
    return root.resolve("enrollment-tokens.json");
  }

  /** The agents' files of servers before the database (imported at the first start). */
  public Path agents() {
    return root.resolve("agents");
  }

  /** The event log's directory of servers before the database (imported at the first start). */
  public Path events() {
    return root.resolve("events");
  }

  public Path catalogState() {
    return root.resolve("state").resolve("catalog.json");
  }
}
