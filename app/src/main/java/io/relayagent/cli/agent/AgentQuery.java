package io.relayagent.cli.agent;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.cli.ExitCodes;
import io.relayagent.service.StateDirectoryOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/** Asks the running agent one command, turning "not running" into a clear message. */
final class AgentQuery {
  private AgentQuery() {}

  /** The answer, or empty after printing why there is none (see {@link #exitCode}). */
  static Optional<Map<String, Object>> ask(
      StateDirectoryOption state, String command, PrintWriter err) {
    try {
      Map<String, Object> answer = ControlClient.ask(state.path(), command);
      if (answer.get("error") instanceof String error) {
        err.println("relay-agent: " + error);
        return Optional.empty();
      }
      return Optional.of(answer);
    } catch (ControlClient.NotRunningException e) {
      err.println("relay-agent: " + e.getMessage() + "; start it with: relay-agent run");
      return Optional.empty();
    } catch (IOException e) {
      err.println("relay-agent: " + e.getMessage());
      return Optional.empty();
    }
  }

  static int exitCode(StateDirectoryOption state) {
    return java.nio.file.Files.exists(io.relayagent.agent.control.ControlSocket.path(state.path()))
        ? ExitCodes.INTERNAL_ERROR
        : ExitCodes.NOT_RUNNING;
  }
}
