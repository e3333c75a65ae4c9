package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.protocol.control.RelayCapabilityStatus;
import io.relayagent.service.StateDirectoryOption;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Sends a stop or a start of relay capability and says where the relay stands after it. */
abstract class RelayCapabilityChange implements Callable<Integer> {

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
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      StatusCommand.print(out, answer.get(), true);
    } else {
      out.println(describe(answer.get().relayCapability()));
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** One line: stopped and since when, or running, or why not. */
  static String describe(RelayCapabilityStatus relay) {
    if (relay.stoppedLocally() != null) {
      return "Relay capability: "
          + relay.stoppedLocally()
          + "; it stays stopped until 'relay-agent relay-capability start' or the agent restarts.";
    }
    if (relay.running()) {
      return "Relay capability: running (tunnel port " + relay.tunnelPort() + ").";
    }
    return relay.enabled()
        ? "Relay capability: not running (see the agent's log for why)."
        : "Relay capability: off in the policy.";
  }
}
