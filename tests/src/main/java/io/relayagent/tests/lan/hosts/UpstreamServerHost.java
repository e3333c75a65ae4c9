package io.relayagent.tests.lan.hosts;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The management server's listening socket, for system tests: accepts and closes connections, which
 * is all a relay's upstream probe needs to know the server is there.
 *
 * <p>Arguments: ADDRESS PORT. Prints {@code READY} once listening.
 */
public final class UpstreamServerHost {
  private UpstreamServerHost() {}

  public static void main(String[] args) throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
      System.out.println("READY");
      System.out.flush();
      while (true) {
        Socket client = server.accept();
        client.close(); // Accepting is the answer.
      }
    }
  }
}
