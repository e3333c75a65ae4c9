package io.relayagent.config;

import io.relayagent.sitelist.HostPort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent reaches its management server directly ({@code <proxy>}), after the OfficeScan
 * agent's proxy settings.
 *
 * @param server the proxy; always present when the mode is {@link ProxyMode#MANUAL}, and kept but
 *     unused in the other modes (so switching the mode back and forth keeps the address)
 * @param bypass destinations reached without the proxy
 * @param userOverrideAllowed whether a local user's own proxy settings take precedence; off by
 *     default because wrong user settings quietly break updates
 */
public record ProxyPolicy(
    ProxyMode mode,
    Optional<HostPort> server,
    Optional<ProxyCredentials> credentials,
    List<ProxyBypass> bypass,
    boolean userOverrideAllowed) {

  public ProxyPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(credentials, "credentials");
    bypass = List.copyOf(bypass);
    if (mode == ProxyMode.MANUAL && server.isEmpty()) {
      throw new IllegalArgumentException("a manual proxy needs a server (host and port)");
    }
  }

  public static ProxyPolicy defaults() {
    return new ProxyPolicy(ProxyMode.NONE, Optional.empty(), Optional.empty(), List.of(), false);
  }

  /** Whether a connection to {@code host} goes around the proxy. */
  public boolean bypasses(String host) {
    return bypass.stream().anyMatch(rule -> rule.matches(host));
  }
}
