package io.relayagent.server.edge;

import io.relayagent.protocol.admin.EdgeRelayEntry;
import io.relayagent.sitelist.HostPort;
import java.time.Instant;

/**
 * An edge relay registered with the server: agents get it in their policy as a static relay.
 *
 * @param address the host (a name or an IP literal) and tunnel port agents connect to
 * @param registered when it was registered
 */
public record EdgeRelay(HostPort address, Instant registered) {

  /**
   * Parses a host as an administrator writes it: a name, an IPv4 address, or an IPv6 address with
   * or without brackets; never asks DNS.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static HostPort address(String host, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
    }
    String text = host.strip();
    if (!text.startsWith("[") && text.indexOf(':') >= 0) {
      text = "[" + text + "]";
    }
    if (text.startsWith("[") && !text.endsWith("]")) {
      throw new IllegalArgumentException("'" + host + "' is not a host (give the port apart)");
    }
    return HostPort.parse(text, port);
  }

  /** The relay as the admin API answers it and the registry file keeps it. */
  public EdgeRelayEntry entry() {
    return new EdgeRelayEntry(address.host(), address.port(), registered.toString());
  }

  /**
   * The relay an entry describes.
   *
   * @throws IllegalArgumentException if its host or port is not valid
   */
  public static EdgeRelay of(EdgeRelayEntry entry) {
    return new EdgeRelay(address(entry.host(), entry.port()), Instant.parse(entry.registered()));
  }
}
