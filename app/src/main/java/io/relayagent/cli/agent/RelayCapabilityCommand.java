package io.relayagent.cli.agent;

import picocli.CommandLine.Command;

/** {@code relay-agent relay-capability stop|start}: this host's relay, switched off locally. */
@Command(
    name = "relay-capability",
    mixinStandardHelpOptions = true,
    description = {
      "Stop or start this host's relay capability over the running agent's control channel, as"
          + " McAfee's MfeServiceMgr stops the relay service on one host while troubleshooting.",
      "A stop closes the discovery responder and the tunnel listeners (open tunnels get 10 s to"
          + " finish) and holds, whatever the policy says, until start or the agent restarts."
          + " relay-agent status shows it (relayCapability.stoppedLocally), and the status report"
          + " of each ASCI tells the server (its agent records: relayCapabilityStoppedLocally)."
    },
    subcommands = {RelayCapabilityStopCommand.class, RelayCapabilityStartCommand.class})
public final class RelayCapabilityCommand {}
