package io.relayagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class RawClientTest {

  @Test
  void plain_fromALocalAddress_connectsFromIt() throws Exception {
    InetAddress second = InetAddress.getByName("127.0.0.2"); // any 127/8 address is local on Linux
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        RawClient client =
            RawClient.plain(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                second);
        Socket accepted = server.accept()) {
      assertThat(accepted.getInetAddress()).isEqualTo(second);
      client.send("ping").shutdownOutput();
      assertThat(accepted.getInputStream().readAllBytes()).asString().isEqualTo("ping");
    }
  }
}
