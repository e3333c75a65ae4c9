package io.relayagent.cli.proxy;

import picocli.CommandLine.Command;

/** {@code relay-agent proxy}: the running agent's proxy and the local administrator's setting. */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Show or change the running agent's local proxy setting, which takes precedence over the"
          + " policy's <proxy> while the policy allows it (allowUserOverride=\"true\").",
      "The setting is kept in the state directory and survives restarts."
    },
    subcommands = {ProxyShowCommand.class, ProxySetCommand.class, ProxyClearCommand.class})
public final class ProxyCommand {}
