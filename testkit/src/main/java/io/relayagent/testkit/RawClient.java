package io.relayagent.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A client that writes exactly the bytes a test gives it, hostile ones included ({@code
 * java.net.http} would refuse to send most of them), over plain TCP or TLS, and reads answers one
 * after another from the same connection: a head, then a body of its Content-Length.
 *
 * <pre>{@code
 * try (RawClient client = RawClient.tls(agentTls.context().getSocketFactory(), null, relay)) {
 *   RawClient.Answer answer = client.send("CONNECT a:443 HTTP/1.1\r\n\r\n").readAnswer();
 * }
 * }</pre>
 */
public final class RawClient implements Closeable {

  /** How long a read waits before the test is told the peer went silent. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  /**
   * One answer.
   *
   * @param head the status line and fields exactly as received, the blank line included
   * @param headers the fields by lower-case name
   */
  public record Answer(
      int status, String statusLine, String head, Map<String, String> headers, byte[] body) {

    /** The field named {@code name} (any case), or {@code null}. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** A plain TCP connection to {@code address}. */
  public static RawClient plain(InetSocketAddress address) throws IOException {
    return plain(address, null);
  }

  /**
   * A plain TCP connection to {@code address} from {@code local} (one of this host's addresses, so
   * that a test can come from several sources), or any address when {@code null}.
   */
  public static RawClient plain(InetSocketAddress address, InetAddress local) throws IOException {
    Socket socket = new Socket();
    try {
      if (local != null) {
        socket.bind(new InetSocketAddress(local, 0));
      }
      socket.connect(address, CONNECT_TIMEOUT_MILLIS);
      return new RawClient(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** A plain TCP connection to {@code port} on loopback. */
  public static RawClient plain(int port) throws IOException {
    return plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /**
   * A TLS connection to {@code address} whose handshake has been done, so a refused certificate
   * fails here (or, in TLS 1.3, at the first read).
   *
   * @param parameters applied to the socket (such as a host name check), or {@code null}
   */
  public static RawClient tls(
      SSLSocketFactory factory, SSLParameters parameters, InetSocketAddress address)
      throws IOException {
    return tls(factory, parameters, address, null);
  }

  /**
   * As {@link #tls(SSLSocketFactory, SSLParameters, InetSocketAddress)}, from {@code local} (such
   * as 127.0.0.2, another loopback source on Linux), or any address when {@code null}.
   */
  public static RawClient tls(
      SSLSocketFactory factory,
      SSLParameters parameters,
      InetSocketAddress address,
      InetAddress local)
      throws IOException {
    SSLSocket socket = (SSLSocket) factory.createSocket();
    try {
      if (local != null) {
        socket.bind(new InetSocketAddress(local, 0));
      }
      if (parameters != null) {
        socket.setSSLParameters(parameters);
      }
      socket.connect(address, CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      socket.startHandshake();
      return new RawClient(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** How long each read may wait ({@link #READ_TIMEOUT} unless set). */
  public RawClient timeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    return this;
  }

  /** Sends {@code text} as ISO-8859-1 bytes, one byte a character. */
  public RawClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public RawClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Sends a request head: the request line, {@code Host: relay}, then {@code fieldLines}. */
  public RawClient request(String method, String target, String... fieldLines) throws IOException {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: relay\r\n");
    for (String line : fieldLines) {
      head.append(line).append("\r\n");
    }
    return send(head.append("\r\n").toString());
  }

  /** Sends {@code GET target} with {@code fieldLines} and reads the answer. */
  public Answer get(String target, String... fieldLines) throws IOException {
    return request("GET", target, fieldLines).readAnswer();
  }

  /** Reads an answer: its head, then a body of Content-Length bytes (none if it has none). */
  public Answer readAnswer() throws IOException {
    return readAnswer(false);
  }

  /** Reads an answer; {@code toHead} for one to HEAD, which has no body whatever it says. */
  public Answer readAnswer(boolean toHead) throws IOException {
    RawHead head = RawHead.read(in);
    String statusLine = head.firstLine();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[1].matches("[0-9]{3}")) {
      throw new IOException("not a status line: " + statusLine);
    }
    String length = head.header("content-length");
    byte[] body = toHead || length == null ? new byte[0] : readExactly(Integer.parseInt(length));
    return new Answer(Integer.parseInt(parts[1]), statusLine, head.text(), head.headers(), body);
  }

  /** Reads {@code n} bytes, failing if the connection ends before. */
  public byte[] readExactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("the connection ended after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  /** Everything until the peer closes, as ISO-8859-1 text. */
  public String readToEnd() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /**
   * Whether the peer ends the connection (FIN, reset or a TLS close) within the read timeout; a
   * byte that arrives instead, or silence, is {@code false}.
   */
  public boolean closedByPeer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset, or the TLS layer saw the connection end
    }
  }

  /** The connection's input, for tests that read a stream of their own. */
  public InputStream in() {
    return in;
  }

  /** The connection's output, for tests that write a stream of their own. */
  public OutputStream out() {
    return out;
  }

  /** Closes the sending side only: the peer reads end of input, and can still answer. */
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
