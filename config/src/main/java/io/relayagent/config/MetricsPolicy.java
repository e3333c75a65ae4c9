package io.relayagent.config;

import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The relay's statistics in the Prometheus text format ({@code <relayServer><metrics>}): off by
 * default, and on loopback unless the administrator names another address, since the figures
 * (agents served, bytes carried) are the site's business only.
 *
 * @param bindAddress the address the metrics listener binds, an IP literal
 * @param port its TCP port; 0 for one the system chooses
 */
public record MetricsPolicy(boolean enabled, InetAddress bindAddress, int port) {

  public static final InetAddress DEFAULT_BIND_ADDRESS = IpLiterals.parse("127.0.0.1");
  public static final int DEFAULT_PORT = 9464;

  public MetricsPolicy {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("metrics port " + port + " is not 0-65535");
    }
  }

  public static MetricsPolicy defaults() {
    return new MetricsPolicy(false, DEFAULT_BIND_ADDRESS, DEFAULT_PORT);
  }
}
