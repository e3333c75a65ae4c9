package io.relayagent.bench.discovery;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * The peer the discovery latency is compared with: a bare UDP echo on the relay's host, so the
 * ratio shows what discovery (broadcast, signing, verifying) costs over one plain round trip.
 *
 * <p>Arguments: PORT. Prints {@code READY}.
 */
public final class UdpEchoHost {
  private UdpEchoHost() {}

  public static void main(String[] args) throws Exception {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(Integer.parseInt(args[0])))) {
      System.out.println("READY");
      System.out.flush();
      byte[] buffer = new byte[2048];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
      }
    }
  }
}
