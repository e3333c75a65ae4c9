package io.relayagent.mesh.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP CONNECT proxy on loopback standing in for a company's proxy: it records every
 * request head, resolves names with the tests' hosts table, and either tunnels or refuses.
 */
final class ProxyTestServer implements AutoCloseable {

  enum Mode {
    TUNNELS,
    REFUSES
  }

  private final Mode mode;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
  final List<String> heads = new CopyOnWriteArrayList<>();

  ProxyTestServer(Mode mode) throws IOException {
    this.mode = mode;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      heads.add(head);
      if (mode == Mode.REFUSES) {
        out.write(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String target = head.split(" ")[1];
      int colon = target.lastIndexOf(':');
      InetAddress address = RelayFixture.resolve(target.substring(0, colon))[0];
      try (Socket upstream = new Socket()) {
        upstream.connect(
            new InetSocketAddress(address, Integer.parseInt(target.substring(colon + 1))), 2000);
        out.write(
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        threads.execute(() -> pump(upstream, client));
        pump(client, upstream);
      }
    } catch (IOException e) {
      // A side went away.
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // A side went away.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the head");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "proxy-test-server");
      thread.setDaemon(true);
      return thread;
    };
  }
}
