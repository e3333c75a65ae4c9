package io.relayagent.mesh.content;

import io.relayagent.trust.JdkClientTls;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * An agent's side of a relay connection over TLS, byte for byte: it sends request heads exactly as
 * written (hostile ones included, which {@code java.net.http} would refuse to send) and reads the
 * answers one after another from the same connection.
 */
final class RawClient implements AutoCloseable {

  /** One answer. Header names are lower case. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final SSLSocket socket;
  private final InputStream in;

  RawClient(JdkClientTls tls, int port) throws IOException {
    socket = (SSLSocket) tls.context().getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSSLParameters(tls.parameters());
    socket.setSoTimeout(20_000);
    socket.startHandshake();
    in = new BufferedInputStream(socket.getInputStream());
  }

  /** Sends {@code GET target} with the extra header lines given, and reads the answer. */
  Response get(String target, String... headerLines) throws IOException {
    send("GET", target, headerLines);
    return read(false);
  }

  /** Sends a request head without waiting for the answer. */
  void send(String method, String target, String... headerLines) throws IOException {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: relay\r\n");
    for (String line : headerLines) {
      head.append(line).append("\r\n");
    }
    head.append("\r\n");
    socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Reads one answer; {@code head} for an answer to HEAD, which has no body. */
  Response read(boolean head) throws IOException {
    String statusLine = readLine();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("the body ended after " + body.length + " of " + length + " bytes");
    }
    return new Response(status, headers, body);
  }

  /** Whether the relay closed the connection (reads end of stream). */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed in an answer's head");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
