package io.relayagent.cli.event;

import picocli.CommandLine.Command;

/** {@code relay-agent event}: events from other products on the endpoint. */
@Command(
    name = "event",
    mixinStandardHelpOptions = true,
    description = {
      "Queue events from other products on this endpoint (detections, status, samples) in the"
          + " running agent's durable event queue; they reach the server at the next ASCI."
    },
    subcommands = {EventSendCommand.class})
public final class EventCommand {}
