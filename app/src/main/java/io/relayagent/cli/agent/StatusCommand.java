package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.FieldTable;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.service.StateDirectoryOption;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent status}: how the running agent reaches its server, and its relay part. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show the running agent's connectivity, last ASCI, event queue and relay capability.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "4:the agent is not running"})
public final class StatusCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;
  @Mixin private JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<ControlStatus> answer =
        AgentQuery.ask(
            state, ControlCommands.STATUS, ControlStatus.class, spec.commandLine().getErr());
    if (answer.isEmpty()) {
      return AgentQuery.exitCode(state);
    }
    print(out, answer.get(), json.enabled());
    return ExitCodes.OK;
  }

  static void print(PrintWriter out, ControlStatus status, boolean asJson) {
    if (asJson) {
      out.println(ProtocolJson.writeString(status));
    } else {
      FieldTable.of(status).print(out);
    }
    out.flush();
  }
}
