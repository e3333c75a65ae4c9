package io.relayagent.mesh.content;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An upstream server over real TLS on 127.0.0.1 that serves objects by path, correctly or in one of
 * the broken ways of {@link Mode}, and counts the requests it gets. Raw sockets, so it can cut a
 * body short or stall exactly where a test wants; one request per connection.
 */
final class FakeUpstream implements AutoCloseable {

  enum Mode {
    CORRECT,
    WRONG_DIGEST,
    NO_DIGEST,
    TRUNCATED,
    /** The body in eight parts, {@link #slowPartMillis} apart. */
    SLOW,
    /** Headers and a quarter of the body, then nothing. */
    STALL,
    SERVER_ERROR
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> conditionalRequests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  volatile long slowPartMillis = 100;

  FakeUpstream(SSLContext tls) throws IOException {
    server =
        tls.getServerSocketFactory().createServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  void put(String path, byte[] content) {
    objects.put(path, content);
  }

  void remove(String path) {
    objects.remove(path);
  }

  void mode(String path, Mode mode) {
    modes.put(path, mode);
  }

  int requests() {
    return requests.get();
  }

  int requests(String path) {
    AtomicInteger count = requestsByPath.get(path);
    return count == null ? 0 : count.get();
  }

  /** Paths that were asked for with If-None-Match. */
  List<String> conditionalRequests() {
    return conditionalRequests;
  }

  static String etagOf(byte[] content) {
    return "\"" + Sha.hex(content).substring(0, 16) + "\"";
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String requestLine = readLine(in);
      Map<String, String> headers = new HashMap<>();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      String path = requestLine.split(" ")[1];
      requests.incrementAndGet();
      requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      answer(socket.getOutputStream(), path, headers);
    } catch (IOException | InterruptedException e) {
      // The relay hung up, or the test closed us: nothing to answer.
    } finally {
      open.remove(socket);
    }
  }

  private void answer(OutputStream out, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    byte[] body = objects.get(path);
    Mode mode = modes.getOrDefault(path, Mode.CORRECT);
    if (body == null) {
      head(out, "404 Not Found", "Content-Length: 0\r\n");
      return;
    }
    if (mode == Mode.SERVER_ERROR) {
      head(out, "503 Service Unavailable", "Content-Length: 0\r\n");
      return;
    }
    String etag = etagOf(body);
    String ifNoneMatch = headers.get("if-none-match");
    if (ifNoneMatch != null) {
      conditionalRequests.add(path);
      if (ifNoneMatch.equals(etag)) {
        head(out, "304 Not Modified", "ETag: " + etag + "\r\n");
        return;
      }
    }
    byte[] announced =
        mode == Mode.WRONG_DIGEST ? "something else".getBytes(StandardCharsets.UTF_8) : body;
    String fields =
        "Content-Length: "
            + body.length
            + "\r\n"
            + "Content-Type: application/x-test\r\n"
            + "ETag: "
            + etag
            + "\r\n"
            + "Last-Modified: Mon, 02 Mar 2026 10:00:00 GMT\r\n"
            + (mode == Mode.NO_DIGEST
                ? ""
                : "Repr-Digest: sha-256=:" + Sha.base64(announced) + ":\r\n");
    head(out, "200 OK", fields);
    switch (mode) {
      case TRUNCATED -> out.write(body, 0, body.length / 2);
      case STALL -> {
        out.write(body, 0, body.length / 4);
        out.flush();
        Thread.sleep(10_000);
      }
      case SLOW -> {
        int part = (body.length + 7) / 8;
        for (int offset = 0; offset < body.length; offset += part) {
          out.write(body, offset, Math.min(part, body.length - offset));
          out.flush();
          Thread.sleep(slowPartMillis);
        }
      }
      default -> out.write(body);
    }
    out.flush();
  }

  private static void head(OutputStream out, String status, String fields) throws IOException {
    out.write(
        ("HTTP/1.1 " + status + "\r\n" + fields + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the request head");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
