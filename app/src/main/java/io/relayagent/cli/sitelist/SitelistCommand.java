package io.relayagent.cli.sitelist;

import picocli.CommandLine.Command;

/** {@code relay-agent sitelist}: inspect and check SiteList.xml files. */
@Command(
    name = "sitelist",
    mixinStandardHelpOptions = true,
    description = "Inspect SiteList.xml files and check a relay's list against its agents'.",
    subcommands = {SitelistCheckCommand.class, SitelistShowCommand.class})
public final class SitelistCommand {}
