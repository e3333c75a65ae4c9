package io.relayagent.cli.proxy;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.agent.AgentQuery;
import io.relayagent.cli.output.FieldTable;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.control.ControlProxy;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.service.StateDirectoryOption;
import java.io.PrintWriter;
import java.util.Optional;

/** What every {@code proxy} command prints: the agent's proxy after the command. */
final class ProxyOutput {
  private ProxyOutput() {}

  /** Prints the answer, or returns why there is none; the exit code either way. */
  static int print(
      Optional<ControlProxy> answer, StateDirectoryOption state, JsonOption json, PrintWriter out) {
    if (answer.isEmpty()) {
      return AgentQuery.exitCode(state);
    }
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(answer.get()));
    } else {
      FieldTable.of(answer.get()).print(out);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
