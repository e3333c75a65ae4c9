package io.relayagent.cli.agent;

import io.relayagent.protocol.control.ControlCommands;
import picocli.CommandLine.Command;

/** {@code relay-agent discover}: run discovery now and list who answered, first responder first. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description =
        "Make the running agent discover relays now; lists who answered, in order, with round-trip times.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "4:the agent is not running"})
public final class DiscoverCommand extends RelaysCommand {
  @Override
  String controlCommand() {
    return ControlCommands.DISCOVER;
  }
}
