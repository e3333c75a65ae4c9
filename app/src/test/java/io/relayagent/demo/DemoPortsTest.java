package io.relayagent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ports a demo world holds: nobody can take them meanwhile, and they do what they promise. */
class DemoPortsTest {

  @Test
  void discovery_isSharedByARelayBindingAsRelaysDo_andRefusedToAnyoneElse() throws Exception {
    try (DemoPorts ports = DemoPorts.reserve();
        DatagramSocket relay = new DatagramSocket(null);
        DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetSocketAddress shared =
          new InetSocketAddress(InetAddress.getByName("0.0.0.0"), ports.discovery());
      assertThatThrownBy(
              () -> {
                try (DatagramSocket stranger = new DatagramSocket(shared)) {
                  stranger.getLocalPort();
                }
              })
          .as("a socket without SO_REUSEADDR")
          .isInstanceOf(BindException.class);

      relay.setReuseAddress(true);
      relay.bind(shared);
      relay.setSoTimeout(5000);
      agent.setBroadcast(true);
      byte[] request = "discover".getBytes(StandardCharsets.US_ASCII);
      agent.send(
          new DatagramPacket(
              request,
              request.length,
              new InetSocketAddress(InetAddress.getByName("127.255.255.255"), ports.discovery())));

      DatagramPacket received = new DatagramPacket(new byte[64], 64);
      relay.receive(received);
      assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII))
          .isEqualTo("discover");
    }
  }

  @Test
  void deadProxy_refusesConnections_andCannotBeListenedOnMeanwhile() throws Exception {
    try (DemoPorts ports = DemoPorts.reserve()) {
      InetSocketAddress proxy =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.deadProxy());

      assertThatThrownBy(
              () -> {
                try (Socket client = new Socket()) {
                  client.connect(proxy, 2000);
                }
              })
          .isInstanceOf(ConnectException.class);
      assertThatThrownBy(
              () -> {
                try (ServerSocket listener = new ServerSocket()) {
                  listener.bind(proxy);
                }
              })
          .isInstanceOf(BindException.class);
    }
  }
}
