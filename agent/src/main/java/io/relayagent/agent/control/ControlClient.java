package io.relayagent.agent.control;

import io.relayagent.json.JsonException;
import io.relayagent.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Asks the running agent over its control socket; used by the CLI's status-like commands. */
public final class ControlClient {

  /** The agent is not running (or this user may not reach it). */
  public static final class NotRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    NotRunningException(String message) {
      super(message);
    }
  }

  private ControlClient() {}

  /** Sends {@code command} and returns the agent's JSON answer. */
  public static Map<String, Object> ask(Path stateDirectory, String command) throws IOException {
    Path socket = ControlSocket.path(stateDirectory);
    if (!Files.exists(socket)) {
      throw new NotRunningException(
          "the agent is not running (no control socket at " + socket + ")");
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        throw new NotRunningException(
            "the agent is not running or refuses this user ("
                + socket
                + ": "
                + e.getMessage()
                + ")");
      }
      channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        answer.write(buffer.array(), 0, buffer.limit());
        buffer.clear();
        if (answer.size() > ControlSocket.MAX_ANSWER_BYTES) {
          throw new IOException(
              "the agent's answer is larger than " + ControlSocket.MAX_ANSWER_BYTES + " bytes");
        }
      }
      return JsonReader.parseObject(
          answer.toString(StandardCharsets.UTF_8).trim(), ControlSocket.MAX_ANSWER_BYTES);
    } catch (JsonException e) {
      throw new IOException("the agent's answer is not valid JSON: " + e.getMessage(), e);
    }
  }
}
