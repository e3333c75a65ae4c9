package io.relayagent.bench.soak;

import io.relayagent.bench.common.BenchArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The far end of the soak's bulk tunnels: a TCP echo server in the data centre, listed in the
 * SiteList so that relays open tunnels to it. Each connection gets back every byte it sends; when
 * the client ends its side, the echo ends its own. Prints {@code READY} once it listens.
 *
 * <pre>java ... TcpEchoHost bind=10.79.9.2 port=9000</pre>
 */
public final class TcpEchoHost {
  private static final int BUFFER = 64 * 1024;

  private TcpEchoHost() {}

  public static void main(String[] args) throws IOException {
    BenchArgs options = new BenchArgs(args);
    ExecutorService workers = Executors.newCachedThreadPool();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(options.string("bind"), options.integer("port")), 256);
      System.out.println("READY");
      while (true) {
        Socket socket = server.accept();
        workers.execute(() -> echo(socket));
      }
    }
  }

  private static void echo(Socket socket) {
    try (socket) {
      socket.setSoTimeout(120_000); // a client that vanished without a FIN or RST
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[BUFFER];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
      socket.shutdownOutput();
    } catch (IOException e) {
      // The tunnel was cut (a relay killed): the client counts it; nothing to do here.
    }
  }
}
