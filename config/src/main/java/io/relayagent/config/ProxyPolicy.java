package io.relayagent.config;

import io.relayagent.sitelist.HostPort;
import java.util.ArrayList;
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
 * @param userOverrideAllowed whether a local administrator's proxy setting ({@code relay-agent
 *     proxy set}) takes precedence over this one; off by default because a wrong local setting
 *     quietly breaks updates
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

  /** The most bypass entries a proxy has (the schema's {@code maxOccurs}). */
  public static final int MAX_BYPASS = 256;

  public static ProxyPolicy defaults() {
    return new ProxyPolicy(ProxyMode.NONE, Optional.empty(), Optional.empty(), List.of(), false);
  }

  /**
   * A proxy given outside a policy file, as a local administrator sets it ({@code relay-agent proxy
   * set}), by the rules of {@code <proxy>}: the mode's name, host and port together (both required
   * in {@code manual} mode), each bypass entry. It has no credentials (their password file is the
   * policy's) and never allows an override itself: only a policy grants that.
   *
   * @param mode {@code none}, {@code system} or {@code manual}
   * @param host a host name or IP address (IPv6 with or without brackets), or {@code null}
   * @param port the proxy's port; {@code null} exactly when {@code host} is
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ProxyPolicy local(String mode, String host, Integer port, List<String> bypass) {
    ProxyMode proxyMode = ProxyMode.fromXmlName(Objects.requireNonNull(mode, "mode").strip());
    if (bypass.size() > MAX_BYPASS) {
      throw new IllegalArgumentException(
          "at most " + MAX_BYPASS + " bypass entries, not " + bypass.size());
    }
    List<ProxyBypass> entries = new ArrayList<>();
    for (String entry : bypass) {
      try {
        entries.add(ProxyBypass.parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bypass: " + e.getMessage(), e);
      }
    }
    return new ProxyPolicy(
        proxyMode, server(proxyMode, host, port), Optional.empty(), entries, false);
  }

  /**
   * The proxy server of a {@code <proxy>} or a local setting: host and port go together, and a
   * manual proxy needs both.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Optional<HostPort> server(ProxyMode mode, String host, Integer port) {
    if (host == null || port == null) {
      if (mode == ProxyMode.MANUAL) {
        throw new IllegalArgumentException("mode=\"manual\" needs both host and port");
      }
      if (host != null || port != null) {
        throw new IllegalArgumentException("host and port go together; give both or neither");
      }
      return Optional.empty();
    }
    HostPort.parsePort(Integer.toString(port)); // the one port rule: 1-65535
    try {
      return Optional.of(HostPorts.of(host, port));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("host " + e.getMessage(), e);
    }
  }

  /** Whether a connection to {@code host} goes around the proxy. */
  public boolean bypasses(String host) {
    return bypass.stream().anyMatch(rule -> rule.matches(host));
  }
}
