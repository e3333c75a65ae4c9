package io.relayagent.cli.agent;

import io.relayagent.protocol.control.ControlCommands;
import picocli.CommandLine.Command;

/** {@code relay-agent relay-capability stop}. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description =
        "Stop this host's relay capability until 'relay-capability start' or the agent restarts."
            + " Stopping one already stopped changes nothing (its time is kept).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped (or it was stopped already)", "4:the agent is not running"})
public final class RelayCapabilityStopCommand extends RelayCapabilityChange {
  @Override
  String controlCommand() {
    return ControlCommands.RELAY_CAPABILITY_STOP;
  }
}
