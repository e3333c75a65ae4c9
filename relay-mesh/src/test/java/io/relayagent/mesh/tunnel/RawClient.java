package io.relayagent.mesh.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/** An agent speaking raw bytes to a relay listener, so that tests control every byte of a head. */
final class RawClient implements Closeable {

  /** A relay's answer to a request head. */
  record Answer(int status, String statusLine, String head, String body) {}

  final Socket socket;
  final InputStream in;
  final OutputStream out;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawClient tls(SSLSocketFactory factory, InetSocketAddress relay) throws IOException {
    Socket socket = factory.createSocket();
    socket.connect(relay, 5_000);
    return new RawClient(socket);
  }

  static RawClient plain(InetSocketAddress relay) throws IOException {
    Socket socket = new Socket();
    socket.connect(relay, 5_000);
    return new RawClient(socket);
  }

  RawClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads a status line and headers, then a body of Content-Length bytes, if any. */
  Answer readAnswer() throws IOException {
    return readAnswer(false);
  }

  /** Reads an answer to a HEAD request (no body, whatever Content-Length says) if {@code head}. */
  Answer readAnswer(boolean head) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + bytes.size() + " bytes of an answer: " + bytes);
      }
      bytes.write(b);
    }
    String text = bytes.toString(StandardCharsets.ISO_8859_1);
    String statusLine = text.substring(0, text.indexOf("\r\n"));
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    String body = head ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Answer(status, statusLine, text, body);
  }

  byte[] readExactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("closed after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  String readToEnd() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** Whether the relay ends the connection (FIN or reset) within the socket timeout. */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
