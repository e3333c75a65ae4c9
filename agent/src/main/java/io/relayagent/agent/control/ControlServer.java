package io.relayagent.agent.control;

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
 */
public final class ControlServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;

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
      try (SocketChannel client = server.accept()) {
        String request = readLine(client);
        String answer;
        try {
          answer = commands.apply(request);
        } catch (RuntimeException e) {
          log.warn("control command '{}' failed: {}", request, e.toString());
          answer = ProtocolJson.writeString(new ErrorReply("control command failed: " + e));
        }
        client.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        if (server.isOpen()) {
          log.debug("control connection: {}", e.toString());
        }
      }
    }
  }

  private static String readLine(SocketChannel client) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(ControlSocket.MAX_REQUEST_BYTES);
    while (buffer.hasRemaining()) {
      if (client.read(buffer) < 0) {
        break;
      }
      for (int i = 0; i < buffer.position(); i++) {
        if (buffer.get(i) == '\n') {
          return new String(buffer.array(), 0, i, StandardCharsets.UTF_8).trim();
        }
      }
    }
    throw new IOException(
        "a control request must be one line of at most "
            + ControlSocket.MAX_REQUEST_BYTES
            + " bytes");
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      log.debug("closing the control socket: {}", e.toString());
    }
  }
}
