package io.relayagent.server.console;

import io.relayagent.protocol.ServerPaths;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console's pages and how an agent's or a relay's id sits in a path: percent-encoded, so an id
 * with a slash, a question mark or a quote stays one path segment and decodes back to itself.
 */
final class ConsolePaths {
  static final String PREFIX = ServerPaths.CONSOLE_PREFIX;

  /** {@code /console}, as an administrator types it. */
  static final String ROOT = PREFIX.substring(0, PREFIX.length() - 1);

  static final String FLEET = PREFIX + "fleet";
  static final String RELAYS = PREFIX + "relays";
  static final String AGENTS = PREFIX + "agents";
  static final String CONTENT = PREFIX + "content";
  static final String LOGIN = PREFIX + "login";
  static final String LOGOUT = PREFIX + "logout";
  static final String STYLE = PREFIX + "console.css";

  /** The query parameter that carries a login link's secret. */
  static final String LINK_PARAMETER = "link";

  private ConsolePaths() {}

  static String agent(String agentId) {
    return AGENTS + "/" + encode(agentId);
  }

  static String relay(String relayId) {
    return RELAYS + "/" + encode(relayId);
  }

  /** The login link for a link secret. */
  static String login(String secret) {
    return LOGIN + "?" + LINK_PARAMETER + "=" + secret;
  }

  /**
   * The id in {@code path} under {@code collection} ({@code /console/agents/<id>}); empty if the
   * path is not one, or its segment does not decode.
   */
  static Optional<String> idIn(String path, String collection) {
    String prefix = collection + "/";
    if (!path.startsWith(prefix) || path.length() == prefix.length()) {
      return Optional.empty();
    }
    String segment = path.substring(prefix.length());
    if (segment.indexOf('/') >= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String encode(String id) {
    // URLEncoder writes a space as '+', which a path does not decode: use %20.
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
