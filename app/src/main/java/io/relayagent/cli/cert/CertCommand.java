package io.relayagent.cli.cert;

import picocli.CommandLine.Command;

/** {@code relay-agent cert}: the organisation CA and the certificates it issues. */
@Command(
    name = "cert",
    mixinStandardHelpOptions = true,
    description = {
      "Run the organisation CA: every server, relay and agent proves who it is with a"
          + " certificate it issued.",
      "Files live in one directory (see docs/certificates.md); private keys are owner-only and"
          + " nothing is replaced without --force."
    },
    subcommands = {
      InitCaCommand.class,
      IssueCommand.class,
      RenewCommand.class,
      FinishRolloverCommand.class,
      RevokeCommand.class,
      ShowCommand.class
    })
public final class CertCommand {}
