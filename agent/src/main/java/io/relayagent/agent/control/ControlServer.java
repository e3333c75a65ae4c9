package io.relayagent.agent.control;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.relayagent.files.FileAccess;
import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent's local control channel: a Unix domain socket in the state directory that only
 * the agent's owner (root, or the service account) can open: the directory is made owner-only and
 * the socket file {@code rw-------} ({@link FileAccess#PRIVATE}). On Windows (10 and later also
 * have Unix domain sockets) the state directory under {@code %ProgramData%} must carry an ACL
 * limited to Administrators and SYSTEM; the installer sets it.
 *
 * <p>One request per connection: a command name on one line; the answer is one line of JSON.
 * Connections are answered by a few workers, each read with a deadline, so neither a client that
 * sends nothing nor a long command (an ASCI on request) holds up {@code relay-agent status}.
 */
public final class ControlServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

  /** A request is one short line: a client that sends none within this is dropped. */
  static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);

  /** Commands answered at once; an ASCI run on request takes one for its whole length. */
  private static final int WORKERS = 4;

  private static final int QUEUED = 16;

  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final ExecutorService workers =
      new ThreadPoolExecutor(
          WORKERS,
          WORKERS,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUED),
          new DefaultThreadFactory("control", true));

  private ControlServer(
      Path socket, ServerSocketChannel server, Function<String, String> commands) {
    this.socket = socket;
    this.server = server;
    this.acceptor = new Thread(() -> serve(commands), "control");
    this.acceptor.setDaemon(true);
  }

  /**
   * Listens at {@code STATE_DIR/control.sock}.
   *
   * @param commands answers a command name with one line of JSON
   */
  public static ControlServer start(Path stateDirectory, Function<String, String> commands)
      throws IOException {
    Path socket = ControlSocket.path(stateDirectory);
    FileAccess.PRIVATE.apply(stateDirectory);
    Files.deleteIfExists(socket); // a socket left by a killed agent
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    FileAccess.PRIVATE.apply(socket);
    ControlServer control = new ControlServer(socket, server, commands);
    control.acceptor.start();
    return control;
  }

  private void serve(Function<String, String> commands) {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (server.isOpen()) {
          log.debug("control socket: {}", e.toString());
        }
        continue;
      }
      try {
        workers.execute(() -> answer(client, commands));
      } catch (RejectedExecutionException e) {
        log.warn("control socket: {} requests already waiting; one refused", QUEUED);
        closeQuietly(client);
      }
    }
  }

  /** One connection: its request within {@link #REQUEST_DEADLINE}, then the answer. */
  private static void answer(SocketChannel client, Function<String, String> commands) {
    try (client) {
      String request = readLine(client);
      String answer;
      try {
        answer = commands.apply(request);
      } catch (RuntimeException e) {
        log.warn("control command '{}' failed: {}", request, e.toString());
        answer = ProtocolJson.writeString(new ErrorReply("control command failed: " + e));
      }
      client.configureBlocking(true);
      client.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      log.debug("control connection: {}", e.toString());
    }
  }

  private static String readLine(SocketChannel client) throws IOException {
    byte[] request =
        ControlSocket.read(
            client, ControlSocket.MAX_REQUEST_BYTES, REQUEST_DEADLINE, ControlServer::holdsNewline);
    int newline = indexOfNewline(request);
    if (newline < 0) {
      throw new IOException(
          "a control request must be one line of at most "
              + ControlSocket.MAX_REQUEST_BYTES
              + " bytes");
    }
    return new String(request, 0, newline, StandardCharsets.UTF_8).trim();
  }

  private static boolean holdsNewline(ByteBuffer latest) {
    for (int i = latest.position(); i < latest.limit(); i++) {
      if (latest.get(i) == '\n') {
        return true;
      }
    }
    return false;
  }

  private static int indexOfNewline(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void closeQuietly(SocketChannel client) {
    try {
      client.close();
    } catch (IOException e) {
      // nothing more to do for a refused connection
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      log.debug("closing the control socket: {}", e.toString());
    }
  }
}
