package io.relayagent.cli.relay;

import picocli.CommandLine.Command;

/**
 * {@code relay-agent relay}: the server's registry of edge relays, and every relay's statistics.
 */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description = {
      "Register an edge relay (a relay in a DMZ, reached by name from outside) with the management"
          + " server, as Trend Micro's ofcedgecfg --cmd reg|unreg does; the server hands registered"
          + " edge relays to every agent in its policy, as static relays.",
      "relay stats shows what every relay (LAN or edge) reported at its last ASCI."
    },
    subcommands = {
      RelayRegisterCommand.class,
      RelayUnregisterCommand.class,
      RelayListCommand.class,
      RelayStatsCommand.class
    })
public final class RelayCommand {}
