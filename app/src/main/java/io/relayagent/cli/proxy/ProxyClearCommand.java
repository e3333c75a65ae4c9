package io.relayagent.cli.proxy;

import io.relayagent.protocol.control.ControlCommands;
import picocli.CommandLine.Command;

/** {@code relay-agent proxy clear}: back to the policy's proxy. */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the local proxy setting (also a damaged one); the policy's proxy applies from the"
          + " next connection. Always allowed. Prints the proxy as show does."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:removed (or there was none)", "4:the agent is not running"})
public final class ProxyClearCommand extends ProxyShowCommand {
  @Override
  String controlCommand() {
    return ControlCommands.PROXY_CLEAR;
  }
}
