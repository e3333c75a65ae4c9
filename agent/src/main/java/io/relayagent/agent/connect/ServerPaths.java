package io.relayagent.agent.connect;

/** The management server's HTTPS paths the agent uses (docs/server-protocol.md). */
public final class ServerPaths {
  public static final String POLICY = "/agent/v1/policy";
  public static final String SITELIST = "/agent/v1/sitelist";
  public static final String STATUS = "/agent/v1/status";
  public static final String EVENTS = "/agent/v1/events";
  public static final String REPOSITORY = "/repo/";
  public static final String CATALOG = REPOSITORY + "catalog.json";
  public static final String CATALOG_SIGNATURE = CATALOG + ".sig";

  /** Where a relay's content cache serves a repository file of the site {@code siteName}. */
  public static String relayContent(String siteName, String fileName) {
    return "/content/" + siteName + REPOSITORY + fileName;
  }

  private ServerPaths() {}
}
