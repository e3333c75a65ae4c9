package io.relayagent.agent.control;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.util.Objects;

/**
 * One request of the control channel, a line: the command's name, then, for a command that takes
 * one ({@code proxy-set}), a space and its argument as compact JSON (which holds no line break).
 *
 * @param argument the argument's JSON text, or {@code null}
 */
public record ControlRequest(String command, String argument) {

  public ControlRequest {
    Objects.requireNonNull(command, "command");
    if (command.isEmpty() || command.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("a control command is one word: '" + command + "'");
    }
  }

  /** A command without an argument. */
  public static ControlRequest of(String command) {
    return new ControlRequest(command, null);
  }

  /** A command with an argument, one of the records of {@code io.relayagent.protocol.control}. */
  public static ControlRequest of(String command, Object argument) {
    return new ControlRequest(command, ProtocolJson.writeString(argument));
  }

  /** Splits a request line at its first space. */
  public static ControlRequest parse(String line) {
    int space = line.indexOf(' ');
    return space < 0
        ? new ControlRequest(line, null)
        : new ControlRequest(line.substring(0, space), line.substring(space + 1));
  }

  /** The line sent, without its line break. */
  public String line() {
    return argument == null ? command : command + " " + argument;
  }

  /**
   * The argument as {@code type}.
   *
   * @throws MalformedJsonException if there is none, or it is not a valid {@code type}
   */
  public <T> T argument(Class<T> type) throws MalformedJsonException {
    if (argument == null) {
      throw new MalformedJsonException(command + " needs an argument");
    }
    return ProtocolJson.read(argument, ControlSocket.MAX_REQUEST_BYTES, type);
  }
}
