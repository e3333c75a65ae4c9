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

/** {@code relay-agent proxy clear}: back to the policy's proxy. */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the local proxy setting (also a damaged one); the policy's proxy applies from the"
          + " next connection. Always allowed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:removed (or there was none)", "4:the agent is not running"})
public final class ProxyClearCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;
  @Mixin private JsonOption json;

  @Override
  public Integer call() {
    return ProxyOutput.print(
        AgentQuery.ask(
            state, ControlCommands.PROXY_CLEAR, ControlProxy.class, spec.commandLine().getErr()),
        state,
        json,
        spec.commandLine().getOut());
  }
}
