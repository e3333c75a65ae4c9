package io.relayagent.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for the demo's server, relays and discovery. A port is free when asked; the
 * demo binds it moments later, which is good enough on a machine the demo does not share with a
 * port-hungry neighbour.
 */
public final class DemoPorts {
  private DemoPorts() {}

  public static int freeTcp() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public static int freeUdp() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
      return socket.getLocalPort();
    }
  }

  /** A loopback port with nothing listening: the demo agent's "corporate proxy", which is down. */
  static int closedTcp() throws IOException {
    return freeTcp();
  }
}
