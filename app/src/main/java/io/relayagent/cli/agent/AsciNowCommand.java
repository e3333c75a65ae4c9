package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.service.StateDirectoryOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Starts an ASCI now in the running agent and prints its status afterwards. */
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
    StatusCommand.print(spec.commandLine().getOut(), answer.get(), json.enabled());
    return "ok".equals(answer.get().lastOutcome()) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
