package io.relayagent.testkit;

import io.relayagent.testkit.FakeUpstream.Mode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of {@link FakeUpstream}: objects by path, each served in its mode, and the requests
 * counted. One request per connection, answered with {@code Connection: close}.
 */
final class HttpObjects {

  private final Mode defaultMode;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> conditionalRequests = new CopyOnWriteArrayList<>();
  private volatile Duration slowPart = Duration.ofMillis(100);

  HttpObjects(Mode defaultMode) {
    this.defaultMode = defaultMode;
  }

  static String etagOf(byte[] content) {
    return "\"" + TestBytes.sha256Hex(content).substring(0, 16) + "\"";
  }

  void put(String path, byte[] content) {
    objects.put(path, content.clone());
  }

  void remove(String path) {
    objects.remove(path);
  }

  void mode(String path, Mode mode) {
    modes.put(path, mode);
  }

  void slowPart(Duration pause) {
    slowPart = pause;
  }

  int requests() {
    return requests.get();
  }

  int requests(String path) {
    AtomicInteger count = requestsByPath.get(path);
    return count == null ? 0 : count.get();
  }

  List<String> conditionalRequests() {
    return conditionalRequests;
  }

  void serve(Socket socket) throws IOException, InterruptedException {
    InputStream in = new BufferedInputStream(socket.getInputStream());
    RawHead request = RawHead.read(in);
    String[] requestLine = request.firstLine().split(" ");
    if (requestLine.length != 3) {
      throw new IOException("not a request line: " + request.firstLine());
    }
    String path = requestLine[1];
    requests.incrementAndGet();
    requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Mode mode = modes.getOrDefault(path, defaultMode);
    if (mode == Mode.HANGS) {
      ByteStreams.discard(in);
      return;
    }
    answer(socket.getOutputStream(), in, path, mode, request.header("if-none-match"));
  }

  private void answer(OutputStream out, InputStream in, String path, Mode mode, String ifNoneMatch)
      throws IOException, InterruptedException {
    byte[] body = objects.get(path);
    if (body == null) {
      head(out, "404 Not Found", "Content-Length: 0\r\n");
      return;
    }
    if (mode == Mode.SERVER_ERROR) {
      head(out, "503 Service Unavailable", "Content-Length: 0\r\n");
      return;
    }
    String etag = etagOf(body);
    if (ifNoneMatch != null) {
      conditionalRequests.add(path);
      if (ifNoneMatch.equals(etag)) {
        head(out, "304 Not Modified", "ETag: " + etag + "\r\n");
        return;
      }
    }
    byte[] announced =
        mode == Mode.WRONG_DIGEST ? "something else".getBytes(StandardCharsets.UTF_8) : body;
    head(
        out,
        "200 OK",
        "Content-Length: "
            + body.length
            + "\r\nContent-Type: application/x-test\r\nETag: "
            + etag
            + "\r\nLast-Modified: Mon, 02 Mar 2026 10:00:00 GMT\r\n"
            + (mode == Mode.NO_DIGEST
                ? ""
                : "Repr-Digest: sha-256=:" + TestBytes.sha256Base64(announced) + ":\r\n"));
    switch (mode) {
      case DROPS_MID_BODY -> out.write(body, 0, body.length / 2);
      case STALLS_MID_BODY -> {
        out.write(body, 0, body.length / 4);
        out.flush();
        ByteStreams.discard(in);
      }
      case SLOW -> {
        int part = (body.length + 7) / 8;
        for (int offset = 0; offset < body.length; offset += part) {
          out.write(body, offset, Math.min(part, body.length - offset));
          out.flush();
          Thread.sleep(slowPart.toMillis());
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
}
