package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelayFailure;
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
        "List the relays the running agent knows, in the order it tries them (static first),"
            + " and for each that failed, its last failure and when.",
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

  /**
   * The table, one row a relay; then, for each relay that failed, its last failure in full: why it
   * is not the one in use.
   */
  static void print(ControlRelays relays, PrintWriter out) {
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
            "LOAD",
            "FAILED");
    Table failures = new Table("RELAY", "WHEN", "LAST_FAILURE");
    int position = 1;
    for (ControlRelay relay : relays.relays()) {
      boolean dropped = "dropped".equals(relay.state());
      ControlRelayFailure failure = relay.lastFailure();
      table.add(
          position++,
          relay.relayId(),
          relay.address(),
          relay.port(),
          relay.source(),
          dropped ? null : String.format(Locale.ROOT, "%.2f", relay.roundTripMillis()),
          relay.firstSeen(),
          relay.lastUsed(),
          relay.state(),
          dropped ? null : relay.load() + "/" + relay.capacity(),
          failure == null ? null : failure.kind());
      if (failure != null) {
        failures.add(relay.relayId(), failure.at(), failure.detail());
      }
    }
    table.print(out);
    if (relays.relays().stream().anyMatch(relay -> relay.lastFailure() != null)) {
      out.println();
      failures.print(out);
    }
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
    } else if (!answer.get().relays().isEmpty() || printsEmptyTable()) {
      print(answer.get(), out);
    }
    out.flush();
    return exitCode(answer.get(), json.enabled() ? spec.commandLine().getErr() : out);
  }

  /** Whether a table without rows is printed (its header says what would be listed). */
  boolean printsEmptyTable() {
    return true;
  }

  /**
   * The exit code once the answer is printed; {@code discover} says more where nothing answered.
   *
   * @param notes where a note for a person goes (not into {@code --json}'s output)
   */
  int exitCode(ControlRelays answer, PrintWriter notes) {
    return ExitCodes.OK;
  }
}
