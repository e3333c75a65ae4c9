package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.service.StateDirectoryOption;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command the running agent answers with its status: an ASCI now (printed whole), or a change of
 * its relay capability ({@link RelayCapabilityChange}, which says less).
 */
abstract class AsciNowCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;
  @Mixin private JsonOption json;

  abstract String controlCommand();

  @Override
  public Integer call() {
    Optional<ControlStatus> answer =
        AgentQuery.ask(state, controlCommand(), ControlStatus.class, spec.commandLine().getErr());
    if (answer.isEmpty()) {
      return AgentQuery.exitCode(state);
    }
    return answered(answer.get(), spec.commandLine().getOut(), json.enabled());
  }

  /** Prints the agent's status after the command; returns the exit code. */
  int answered(ControlStatus status, PrintWriter out, boolean asJson) {
    StatusCommand.print(out, status, asJson);
    return "ok".equals(status.lastOutcome()) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
