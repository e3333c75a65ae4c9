package io.relayagent.cli.agent;

import io.relayagent.protocol.control.ControlCommands;
import picocli.CommandLine.Command;

/** {@code relay-agent collect-and-send}: an ASCI now (McAfee's {@code cmdagent -p}). */
@Command(
    name = "collect-and-send",
    mixinStandardHelpOptions = true,
    description = "Make the running agent send its status and queued events now (a full ASCI).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the ASCI succeeded",
      "1:the ASCI failed (see lastOutcome)",
      "4:the agent is not running"
    })
public final class CollectAndSendCommand extends AsciNowCommand {
  @Override
  String controlCommand() {
    return ControlCommands.COLLECT_AND_SEND;
  }
}
