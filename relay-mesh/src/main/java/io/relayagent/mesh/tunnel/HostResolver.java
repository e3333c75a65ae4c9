package io.relayagent.mesh.tunnel;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up a host name (blocking; called off the event loops). The tunnel resolves a site's name
 * once per CONNECT and connects to exactly the addresses returned, so a second lookup cannot point
 * the tunnel elsewhere (DNS rebinding).
 */
@FunctionalInterface
interface HostResolver {

  /** The JVM's resolver (hosts file and DNS, with the JVM's cache). */
  HostResolver SYSTEM = InetAddress::getAllByName;

  /**
   * Every address of {@code host}, in the order to try them; an IP literal is parsed, not looked
   * up.
   */
  InetAddress[] resolve(String host) throws UnknownHostException;
}
