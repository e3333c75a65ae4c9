package io.relayagent.agent.control;

import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Asks the running agent over its control socket; used by the CLI's status-like commands. */
public final class ControlClient {

  /** The agent is not running (or this user may not reach it). */
  public static final class NotRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    NotRunningException(String message) {
      super(message);
    }
  }

  /** The agent answered the command with an error ({@code {"error": ...}}): its message. */
  public static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  private ControlClient() {}

  /**
   * Sends {@code command} and reads the agent's answer as {@code answerType}, one of the records of
   * {@code io.relayagent.protocol.control}.
   *
   * @throws RefusedException if the agent answered with an error
   */
  public static <T> T ask(Path stateDirectory, String command, Class<T> answerType)
      throws IOException {
    return ask(stateDirectory, ControlRequest.of(command), answerType);
  }

  /**
   * Sends {@code request} (a command with its argument) and reads the agent's answer as {@code
   * answerType}.
   *
   * @throws RefusedException if the agent answered with an error
   */
  public static <T> T ask(Path stateDirectory, ControlRequest request, Class<T> answerType)
      throws IOException {
    byte[] answer = exchange(stateDirectory, request);
    try {
      ErrorReply error = errorOf(answer);
      if (error != null) {
        throw new RefusedException(error.error());
      }
      return ProtocolJson.read(answer, ControlSocket.MAX_ANSWER_BYTES, answerType);
    } catch (MalformedJsonException e) {
      throw new IOException("the agent's answer is not valid: " + e.getMessage(), e);
    }
  }

  /** The answer as an error, or {@code null} if it is none (it has no {@code error} member). */
  private static ErrorReply errorOf(byte[] answer) {
    try {
      return ProtocolJson.read(answer, ControlSocket.MAX_ANSWER_BYTES, ErrorReply.class);
    } catch (MalformedJsonException e) {
      return null;
    }
  }

  /**
   * How long to wait for the answer: an ASCI run on request may take minutes (the agent gives it
   * five); the other commands answer at once, after one discovery round, or once a stopped relay
   * has drained its tunnels (10 s at most).
   */
  static Duration deadline(String command) {
    return switch (command) {
      case ControlCommands.COLLECT_AND_SEND, ControlCommands.CHECK_POLICY -> Duration.ofMinutes(6);
      case ControlCommands.DISCOVER, ControlCommands.RELAY_CAPABILITY_STOP ->
          Duration.ofSeconds(30);
      default -> Duration.ofSeconds(15);
    };
  }

  private static byte[] exchange(Path stateDirectory, ControlRequest request) throws IOException {
    String command = request.command();
    Duration deadline = deadline(command);
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
      ByteBuffer line = ByteBuffer.wrap((request.line() + "\n").getBytes(StandardCharsets.UTF_8));
      while (line.hasRemaining()) {
        channel.write(line);
      }
      try {
        return ControlSocket.read(
            channel, ControlSocket.MAX_ANSWER_BYTES, deadline, latest -> false);
      } catch (SocketTimeoutException e) {
        throw new IOException(
            "the agent did not answer " + command + " within " + deadline.toSeconds() + " s", e);
      }
    }
  }
}
