package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlDiscovery;
import io.relayagent.protocol.control.ControlDiscoveryTarget;
import io.relayagent.protocol.control.ControlRelays;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code relay-agent discover}: run discovery now and list who answered, first responder first. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description =
        "Make the running agent discover relays now; lists who answered, in order, with round-trip"
            + " times. When none answered, says where it asked: the UDP port, and each interface"
            + " and broadcast or multicast address the request went to.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:shown",
      "1:no relay answered (or discovery is off in the policy)",
      "4:the agent is not running"
    })
public final class DiscoverCommand extends RelaysCommand {
  @Override
  String controlCommand() {
    return ControlCommands.DISCOVER;
  }

  /** Where nothing answered, the note says so instead of an empty table. */
  @Override
  boolean printsEmptyTable() {
    return false;
  }

  @Override
  int exitCode(ControlRelays answer, PrintWriter notes) {
    boolean answered = answer.relays().stream().anyMatch(relay -> !"dropped".equals(relay.state()));
    if (answered) {
      return ExitCodes.OK;
    }
    ControlDiscovery asked = answer.asked();
    if (!answer.relays().isEmpty()) {
      notes.println();
    }
    if (asked == null) {
      notes.println("No relay answered.");
    } else if (!asked.enabled()) {
      notes.println(
          "No relay answered: discovery is off in this agent's policy (relayClient"
              + " discoveryEnabled=\"false\"), so no request was sent.");
    } else if (asked.targets().isEmpty()) {
      notes.println(
          "No relay answered: no request was sent, as no interface the policy selects"
              + " (relayClient/discoveryInterfaces) is up.");
    } else {
      notes.println("No relay answered on UDP port " + asked.port() + ". The request went to:");
      for (ControlDiscoveryTarget target : asked.targets()) {
        notes.printf(
            "  %-12s %s%n",
            target.interfaceName() == null ? "(any)" : target.interfaceName(),
            target.interfaceName() == null
                ? target.address() + " (the system chooses the interface)"
                : target.address());
      }
      notes.println(
          "Check that a relay on these networks runs with relay capability on, that UDP port "
              + asked.port()
              + " is open to it (docs/operations.md, \"Troubleshooting no relay found\").");
    }
    notes.flush();
    return ExitCodes.CHECK_FAILED;
  }
}
