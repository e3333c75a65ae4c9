package io.relayagent.protocol;

/**
 * The management server's HTTPS paths (docs/server-protocol.md) and where a relay's content cache
 * serves repository files (docs/content-protocol.md). The server routes by these, and the agent,
 * the relay and the administrator's client ask for them.
 */
public final class ServerPaths {
  /** Paths an agent (or a relay) uses with its client certificate. */
  public static final String AGENT_PREFIX = "/agent/";

  public static final String POLICY = "/agent/v1/policy";
  public static final String SITELIST = "/agent/v1/sitelist";
  public static final String STATUS = "/agent/v1/status";
  public static final String EVENTS = "/agent/v1/events";

  /** Renewal: an agent or relay with a valid certificate asks for a new one. */
  public static final String CERTIFICATE = "/agent/v1/certificate";

  /**
   * The wake-up long poll: held open by the server until it has a wake-up for the agent ({@code
   * 200}) or the hold ends ({@code 204}); docs/wakeup.md.
   */
  public static final String WAKEUP = "/agent/v1/wakeup";

  /** The trust bundle (roots and CRLs), fetched with the policy at each ASCI. */
  public static final String TRUST = "/agent/v1/trust";

  /**
   * Enrollment: the one path a client without a certificate may use (with a token), on the server
   * and, forwarded to a SiteList server, on a relay's TLS listener.
   */
  public static final String ENROLL = "/enroll/v1/certificate";

  /** The repository: {@code /repo/<name>}, and the catalog's three documents. */
  public static final String REPOSITORY = "/repo/";

  public static final String CATALOG = REPOSITORY + "catalog.json";
  public static final String CATALOG_SIGNATURE = CATALOG + ".sig";
  public static final String CATALOG_CHAIN = CATALOG + ".chain";

  /** Paths the administrator uses with the token. */
  public static final String ADMIN_PREFIX = "/admin/";

  public static final String ADMIN_AGENTS = "/admin/v1/agents";
  public static final String ADMIN_EDGE_RELAYS = "/admin/v1/edge-relays";
  public static final String ADMIN_RESCAN = "/admin/v1/repo/rescan";
  public static final String ADMIN_EVENTS = "/admin/v1/events";
  public static final String ADMIN_ENROLLMENT_TOKENS = "/admin/v1/enrollment-tokens";
  public static final String ADMIN_RELAY_STATISTICS = "/admin/v1/relay-statistics";
  public static final String ADMIN_WAKEUPS = "/admin/v1/wakeups";
  public static final String ADMIN_CONSOLE_LINKS = "/admin/v1/console-links";

  /** The administrators' web console, for browsers with a session cookie (docs/console.md). */
  public static final String CONSOLE_PREFIX = "/console/";

  /** A relay's content cache: {@code /content/<site>/<path>}. */
  public static final String RELAY_CONTENT = "/content/";

  private ServerPaths() {}

  /** Where a relay's content cache serves the repository file {@code name} of site {@code site}. */
  public static String relayContent(String site, String name) {
    return RELAY_CONTENT + site + REPOSITORY + name;
  }

  /** The path of one enrollment token, by its public id. */
  public static String adminEnrollmentToken(String id) {
    return ADMIN_ENROLLMENT_TOKENS + "/" + id;
  }

  /** The path of one registered edge relay, {@code host:port} as a path segment. */
  public static String adminEdgeRelay(String hostPort) {
    return ADMIN_EDGE_RELAYS + "/" + hostPort;
  }
}
