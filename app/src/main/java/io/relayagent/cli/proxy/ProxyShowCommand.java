package io.relayagent.cli.proxy;

import io.relayagent.cli.agent.AgentQuery;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlProxy;
import io.relayagent.service.StateDirectoryOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent proxy show}: the proxy the agent's next connection uses, and its source. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show the proxy the running agent's next connection uses and where it comes from (policy or"
          + " local), whether the policy allows a local setting, and the local setting if any."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "4:the agent is not running"})
public class ProxyShowCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;
  @Mixin private JsonOption json;

  /** The control command this CLI command sends; its answer is the agent's proxy after it. */
  String controlCommand() {
    return ControlCommands.PROXY_SHOW;
  }

  @Override
  public Integer call() {
    return ProxyOutput.print(
        AgentQuery.ask(state, controlCommand(), ControlProxy.class, spec.commandLine().getErr()),
        state,
        json,
        spec.commandLine().getOut());
  }
}
