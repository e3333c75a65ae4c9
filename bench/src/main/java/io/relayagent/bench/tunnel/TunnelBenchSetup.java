package io.relayagent.bench.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step one of bench/tunnel.sh: makes the benchmark's CA and certificates in {@code DIR/pki} and
 * prints free loopback ports for every listener as {@code NAME=PORT} lines for the script.
 *
 * <pre>java ... TunnelBenchSetup DIR</pre>
 */
public final class TunnelBenchSetup {
  private static final List<String> PORTS =
      List.of(
          "NGINX_PORT",
          "SQUID_TLS_PORT",
          "SQUID_HTTP_PORT",
          "RELAY_TLS_PORT",
          "RELAY_PLAIN_PORT",
          "UPSTREAM_PORT");

  private TunnelBenchSetup() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    new BenchPki(work.resolve("pki")).create();
    // All held open at once, so the ports differ; closed before the servers bind them.
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (String name : PORTS) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        System.out.println(name + "=" + socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : sockets) {
        close(socket);
      }
    }
  }

  private static void close(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing to do: the port is free again either way.
    }
  }
}
