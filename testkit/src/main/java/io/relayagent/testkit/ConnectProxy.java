package io.relayagent.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP CONNECT proxy on loopback standing in for a company's proxy: it records every
 * request head, resolves names as the test says, and either tunnels or refuses. Its port is bound
 * at start (port 0) and read back.
 *
 * <pre>{@code
 * try (ConnectProxy proxy = ConnectProxy.start(ConnectProxy.Mode.TUNNELS)) {
 *   ... point a client at 127.0.0.1:proxy.port() ...
 *   assertThat(proxy.heads()).singleElement().asString().startsWith("CONNECT ");
 * }
 * }</pre>
 */
public final class ConnectProxy implements AutoCloseable {

  /** How the proxy answers a {@code CONNECT}. */
  public enum Mode {
    /** {@code 200 Connection established}, then bytes both ways. */
    TUNNELS,
    /** {@code 403 Forbidden}, and the connection closes. */
    REFUSES
  }

  /** How the proxy resolves the host of a {@code CONNECT} target (a test's hosts table). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Mode mode;
  private final Resolver resolver;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
  private final List<String> heads = new CopyOnWriteArrayList<>();

  private ConnectProxy(Mode mode, Resolver resolver) throws IOException {
    this.mode = mode;
    this.resolver = resolver;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  /** A proxy that resolves names as the system does. */
  public static ConnectProxy start(Mode mode) throws IOException {
    return new ConnectProxy(mode, InetAddress::getAllByName);
  }

  /** A proxy that resolves names with {@code resolver}. */
  public static ConnectProxy start(Mode mode, Resolver resolver) throws IOException {
    return new ConnectProxy(mode, resolver);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every request head received so far, in order, each ending with its blank line. */
  public List<String> heads() {
    return List.copyOf(heads);
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
      String host = target.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      InetAddress address = resolver.resolve(host)[0];
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
      Thread thread = new Thread(runnable, "connect-proxy");
      thread.setDaemon(true);
      return thread;
    };
  }
}
