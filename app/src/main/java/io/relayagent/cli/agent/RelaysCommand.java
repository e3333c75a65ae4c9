package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelays;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.service.StateDirectoryOption;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent relays} and {@code relay-agent discover}: the relays, in the order tried. */
@Command(
    name = "relays",
    mixinStandardHelpOptions = true,
    description =
        "List the relays the running agent knows, in the order it tries them (static first).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "4:the agent is not running"})
public class RelaysCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;
  @Mixin private JsonOption json;

  /** The control command this CLI command sends. */
  String controlCommand() {
    return ControlCommands.RELAYS;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<ControlRelays> answer =
        AgentQuery.ask(state, controlCommand(), ControlRelays.class, spec.commandLine().getErr());
    if (answer.isEmpty()) {
      return AgentQuery.exitCode(state);
    }
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(answer.get()));
    } else {
      Table table =
          new Table(
              "#",
              "RELAY",
              "ADDRESS",
              "PORT",
              "SOURCE",
              "RTT_MS",
              "FIRST_SEEN",
              "LAST_USED",
              "STATE",
              "LOAD");
      int position = 1;
      for (ControlRelay relay : answer.get().relays()) {
        table.add(
            position++,
            relay.relayId(),
            relay.address(),
            relay.port(),
            relay.source(),
            String.format(Locale.ROOT, "%.2f", relay.roundTripMillis()),
            relay.firstSeen(),
            relay.lastUsed(),
            relay.state(),
            relay.load() + "/" + relay.capacity());
      }
      table.print(out);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
