package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Table;
import io.relayagent.json.JsonWriter;
import io.relayagent.service.StateDirectoryOption;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
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
    return "relays";
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<Map<String, Object>> answer =
        AgentQuery.ask(state, controlCommand(), spec.commandLine().getErr());
    if (answer.isEmpty()) {
      return AgentQuery.exitCode(state);
    }
    if (json.enabled()) {
      out.println(JsonWriter.write(answer.get()));
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
      for (Object item : (List<?>) answer.get().get("relays")) {
        Map<?, ?> relay = (Map<?, ?>) item;
        table.add(
            position++,
            relay.get("relayId"),
            relay.get("address"),
            relay.get("port"),
            relay.get("source"),
            String.format(
                java.util.Locale.ROOT,
                "%.2f",
                ((Number) relay.get("roundTripMillis")).doubleValue()),
            relay.get("firstSeen"),
            relay.get("lastUsed"),
            relay.get("state"),
            relay.get("load") + "/" + relay.get("capacity"));
      }
      table.print(out);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
