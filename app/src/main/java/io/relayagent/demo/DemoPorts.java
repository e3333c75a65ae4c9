package io.relayagent.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The two ports a one-machine installation shares that no host binds by itself with port 0, held
 * for the world's life so that nothing else can take them between their choice and their use:
 *
 * <ul>
 *   <li>the discovery port: bound on the IPv4 wildcard with {@code SO_REUSEADDR}, as relays bind
 *       it. Relays started later share it (a loopback broadcast reaches every socket on it), and a
 *       stranger binding without {@code SO_REUSEADDR} is refused. The reservation reads nothing.
 *   <li>a dead proxy port on loopback: bound but never listening, so each connection to it is
 *       refused, as by a proxy that is down, and nothing can start listening on it meanwhile.
 * </ul>
 *
 * Every other port (the server's, each relay's tunnel) is bound with 0 and read back.
 */
final class DemoPorts implements AutoCloseable {

  private final DatagramSocket discovery;
  private final Socket deadProxy;

  private DemoPorts(DatagramSocket discovery, Socket deadProxy) {
    this.discovery = discovery;
    this.deadProxy = deadProxy;
  }

  static DemoPorts reserve() throws IOException {
    DatagramSocket discovery = new DatagramSocket(null);
    Socket deadProxy = new Socket();
    try {
      discovery.setReuseAddress(true);
      discovery.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
      deadProxy.setReuseAddress(false);
      deadProxy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new DemoPorts(discovery, deadProxy);
    } catch (IOException | RuntimeException e) {
      discovery.close();
      deadProxy.close();
      throw e;
    }
  }

  /** The UDP port every host of the world discovers relays on. */
  int discovery() {
    return discovery.getLocalPort();
  }

  /** A loopback TCP port that refuses every connection. */
  int deadProxy() {
    return deadProxy.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    try {
      deadProxy.close();
    } finally {
      discovery.close();
    }
  }
}
