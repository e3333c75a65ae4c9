package io.relayagent.config;

import io.relayagent.sitelist.HostPort;

/** Host attributes of the policy, which give the port separately, as {@link HostPort}s. */
final class HostPorts {
  private HostPorts() {}

  /**
   * Accepts a host name, an IPv4 address or an IPv6 address with or without brackets; never asks
   * DNS.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static HostPort of(String host, int port) {
    String text = host.strip();
    if (!text.startsWith("[") && text.indexOf(':') >= 0) {
      text = "[" + text + "]";
    }
    if (text.startsWith("[") && !text.endsWith("]")) {
      throw new IllegalArgumentException("'" + host + "' is not a host (no port here: use port=)");
    }
    return HostPort.parse(text, port);
  }
}
