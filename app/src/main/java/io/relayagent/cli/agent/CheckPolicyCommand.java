package io.relayagent.cli.agent;

import io.relayagent.protocol.control.ControlCommands;
import picocli.CommandLine.Command;

/** {@code relay-agent check-policy}: an ASCI now (McAfee's {@code cmdagent -c}). */
@Command(
    name = "check-policy",
    mixinStandardHelpOptions = true,
    description = "Make the running agent fetch and apply its policy now (a full ASCI).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the ASCI succeeded",
      "1:the ASCI failed (see lastOutcome)",
      "4:the agent is not running"
    })
public final class CheckPolicyCommand extends AsciNowCommand {
  @Override
  String controlCommand() {
    return ControlCommands.CHECK_POLICY;
  }
}
