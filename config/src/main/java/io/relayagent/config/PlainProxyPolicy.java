package io.relayagent.config;

import java.net.InetAddress;
import java.util.List;

/**
 * The relay's plain-HTTP CONNECT listener for clients that cannot speak TLS to a proxy ({@code
 * <relayServer><plainProxy>}). Their own TLS still runs inside the tunnel.
 *
 * @param allowedNetworks the only source networks the listener accepts; never empty when enabled
 */
public record PlainProxyPolicy(boolean enabled, int port, List<Cidr> allowedNetworks) {

  public static final int DEFAULT_PORT = 8084;

  public PlainProxyPolicy {
    allowedNetworks = List.copyOf(allowedNetworks);
  }

  public static PlainProxyPolicy defaults() {
    return new PlainProxyPolicy(false, DEFAULT_PORT, List.of());
  }

  /** Whether a connection from {@code source} may use the listener. */
  public boolean allows(InetAddress source) {
    return allowedNetworks.stream().anyMatch(network -> network.contains(source));
  }
}
