package io.relayagent.mesh.client;

import io.relayagent.sitelist.HostPort;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How the agent reaches a server: directly, through the configured HTTP proxy, or through a relay's
 * TLS tunnel. Whatever the route, the agent's TLS to the server runs end to end.
 */
public sealed interface Route {

  /** For logs and {@code relay-agent status}: "direct", "proxy host:port", "relay ID". */
  String describe();

  /** Straight to the server. */
  record Direct() implements Route {
    @Override
    public String describe() {
      return "direct";
    }
  }

  /**
   * Through an HTTP proxy with {@code CONNECT} (the OfficeScan-style manual proxy).
   *
   * @param user a user name for Basic authentication, or {@code null}
   * @param password its password, or {@code null}
   */
  record ViaHttpProxy(HostPort proxy, String user, String password) implements Route {
    public ViaHttpProxy {
      Objects.requireNonNull(proxy, "proxy");
    }

    @Override
    public String describe() {
      return "proxy " + proxy;
    }
  }

  /**
   * Through a relay's TLS tunnel listener, proving the agent's identity with its certificate.
   *
   * @param relayId the relay's id, for logs and the server's status report
   * @param address the relay's tunnel address (resolved for a discovered relay, a host name for a
   *     static relay)
   */
  record ViaRelay(String relayId, InetSocketAddress address) implements Route {
    public ViaRelay {
      Objects.requireNonNull(relayId, "relayId");
      Objects.requireNonNull(address, "address");
    }

    @Override
    public String describe() {
      return "relay " + relayId;
    }
  }
}
