package io.relayagent.cli.relay;

import picocli.CommandLine.Command;

/** {@code relay-agent relay}: the server's registry of edge relays. */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description = {
      "Register an edge relay (a relay in a DMZ, reached by name from outside) with the management"
          + " server, as Trend Micro's ofcedgecfg --cmd reg|unreg does; the server hands registered"
          + " edge relays to every agent in its policy, as static relays."
    },
    subcommands = {
      RelayRegisterCommand.class,
      RelayUnregisterCommand.class,
      RelayListCommand.class
    })
public final class RelayCommand {}
