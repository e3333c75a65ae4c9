package io.relayagent.cli.agent;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.agent.control.ControlRequest;
import io.relayagent.agent.control.ControlSocket;
import io.relayagent.cli.ExitCodes;
import io.relayagent.service.StateDirectoryOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Optional;

/** Asks the running agent one command, turning "not running" into a clear message. */
public final class AgentQuery {
  private AgentQuery() {}

  /**
   * The answer, one of the records of {@code io.relayagent.protocol.control}, or empty after
   * printing why there is none (see {@link #exitCode}).
   */
  public static <T> Optional<T> ask(
      StateDirectoryOption state, String command, Class<T> answerType, PrintWriter err) {
    try {
      return askRefusable(state, ControlRequest.of(command), answerType, err);
    } catch (ControlClient.RefusedException e) {
      err.println("relay-agent: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * As {@link #ask}, for a command the agent may refuse as a matter of course (a setting its policy
   * does not allow): the refusal is thrown, with the agent's reason, for the caller to print with
   * its own exit code.
   */
  public static <T> Optional<T> askRefusable(
      StateDirectoryOption state, ControlRequest request, Class<T> answerType, PrintWriter err)
      throws ControlClient.RefusedException {
    try {
      return Optional.of(ControlClient.ask(state.path(), request, answerType));
    } catch (ControlClient.RefusedException e) {
      throw e;
    } catch (ControlClient.NotRunningException e) {
      err.println("relay-agent: " + e.getMessage() + "; start it with: relay-agent run");
      return Optional.empty();
    } catch (IOException e) {
      err.println("relay-agent: " + e.getMessage());
      return Optional.empty();
    }
  }

  public static int exitCode(StateDirectoryOption state) {
    return Files.exists(ControlSocket.path(state.path()))
        ? ExitCodes.INTERNAL_ERROR
        : ExitCodes.NOT_RUNNING;
  }
}
