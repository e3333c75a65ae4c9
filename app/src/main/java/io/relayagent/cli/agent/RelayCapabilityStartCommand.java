package io.relayagent.cli.agent;

import io.relayagent.protocol.control.ControlCommands;
import picocli.CommandLine.Command;

/** {@code relay-agent relay-capability start}. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description =
        "End a local stop: relay capability follows the policy again (it starts at once if the"
            + " policy enables it).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:started (or it was not stopped locally)", "4:the agent is not running"})
public final class RelayCapabilityStartCommand extends RelayCapabilityChange {
  @Override
  String controlCommand() {
    return ControlCommands.RELAY_CAPABILITY_START;
  }
}
