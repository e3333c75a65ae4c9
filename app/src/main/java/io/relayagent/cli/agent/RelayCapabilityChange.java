package io.relayagent.cli.agent;

import io.relayagent.cli.ExitCodes;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.protocol.control.RelayCapabilityStatus;
import java.io.PrintWriter;

/** Sends a stop or a start of relay capability and says where the relay stands after it. */
abstract class RelayCapabilityChange extends AsciNowCommand {

  @Override
  int answered(ControlStatus status, PrintWriter out, boolean asJson) {
    if (asJson) {
      StatusCommand.print(out, status, true);
    } else {
      out.println(describe(status.relayCapability()));
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** One line: stopped and since when, or running, or why not. */
  static String describe(RelayCapabilityStatus relay) {
    if (relay.stoppedLocally() != null) {
      return "Relay capability: "
          + relay.stoppedLocally()
          + "; it stays stopped until 'relay-agent relay-capability start' or the agent restarts.";
    }
    if (relay.running()) {
      return "Relay capability: running (tunnel port " + relay.tunnelPort() + ").";
    }
    return relay.enabled()
        ? "Relay capability: not running (see the agent's log for why)."
        : "Relay capability: off in the policy.";
  }
}
