package io.relayagent.server.edge;

import io.relayagent.sitelist.HostPort;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** {@code {"host": ..., "port": ..., "registered": ...}}, the form of the admin API. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("host", address.host());
    json.put("port", address.port());
    json.put("registered", registered.toString());
    return json;
  }
}
