package io.relayagent.cli.agent;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.agent.control.ControlSocket;
import io.relayagent.cli.ExitCodes;
import io.relayagent.service.StateDirectoryOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Optional;

/** Asks the running agent one command, turning "not running" into a clear message. */
final class AgentQuery {
  private AgentQuery() {}

  /**
   * The answer, one of the records of {@code io.relayagent.protocol.control}, or empty after
   * printing why there is none (see {@link #exitCode}).
   */
  static <T> Optional<T> ask(
      StateDirectoryOption state, String command, Class<T> answerType, PrintWriter err) {
    try {
      return Optional.of(ControlClient.ask(state.path(), command, answerType));
    } catch (ControlClient.NotRunningException e) {
      err.println("relay-agent: " + e.getMessage() + "; start it with: relay-agent run");
      return Optional.empty();
    } catch (IOException e) {
      err.println("relay-agent: " + e.getMessage());
      return Optional.empty();
    }
  }

  static int exitCode(StateDirectoryOption state) {
    return Files.exists(ControlSocket.path(state.path()))
        ? ExitCodes.INTERNAL_ERROR
        : ExitCodes.NOT_RUNNING;
  }
}
