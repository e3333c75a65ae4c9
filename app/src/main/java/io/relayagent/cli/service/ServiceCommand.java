package io.relayagent.cli.service;

import io.relayagent.service.ServiceLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code relay-agent service}: run the agent as a systemd or Windows service. */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description =
        "Install, remove or show the agent's service (systemd on Linux, Windows service).",
    subcommands = {PrintUnitCommand.class, InstallCommand.class, UninstallCommand.class})
public final class ServiceCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** The options that place the agent's files; defaults per operating system. */
  public static final class LayoutOptions {
    @Option(
        names = "--user",
        paramLabel = "USER",
        description = "The service account on Linux (default: relay-agent).")
    String user;

    @Option(names = "--policy", paramLabel = "FILE", description = "The policy file.")
    String policy;

    @Option(names = "--sitelist", paramLabel = "FILE", description = "The SiteList.xml.")
    String siteList;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "The state directory.")
    String stateDirectory;

    ServiceLayout apply(ServiceLayout layout) {
      ServiceLayout l = layout.withFiles(policy, siteList, stateDirectory);
      return user == null ? l : l.withUser(user);
    }
  }
}
