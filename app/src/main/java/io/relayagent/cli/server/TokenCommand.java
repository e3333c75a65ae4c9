package io.relayagent.cli.server;

import picocli.CommandLine.Command;

/** {@code relay-agent server token}: the running server's enrollment tokens. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Make, list and revoke the enrollment tokens of a running server (docs/enrollment.md). A host"
          + " installed with the organisation's CA, the SiteList and a token makes its own key and"
          + " gets its certificate from the server at its first ASCI."
    },
    subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
public final class TokenCommand {}
