package io.relayagent.cli.policy;

import picocli.CommandLine.Command;

/** {@code relay-agent policy}: check and inspect policy files. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = {
      "Check and inspect the agent's policy file (see docs/policy.md).",
      "Every problem is printed as FILE:LINE:COLUMN: message."
    },
    subcommands = {PolicyValidateCommand.class, PolicyShowCommand.class})
public final class PolicyCommand {}
