package io.relayagent.cli.service;

import io.relayagent.service.Commands;
import io.relayagent.service.Installer;
import io.relayagent.service.ServiceLayout;
import io.relayagent.service.SystemdUnit;
import io.relayagent.service.TargetFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code relay-agent service install}: systemd on Linux, procrun on Windows, all or nothing. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Install, enable and start the agent's service, recording each step for `service"
          + " uninstall`; a step that fails undoes the ones done.",
      "Linux (as root): the service user and directories, /etc/systemd/system/relay-agent.service,"
          + " systemctl enable --now.",
      "Windows (as an administrator): %ProgramData%\\relay-agent and its access rights, the"
          + " procrun service (bin\\prunsrv.exe) in this Java runtime, the firewall rules, the"
          + " start.",
      "Firewall rules use the ports of the policy file the service will run with (its defaults"
          + " until it exists)."
    })
public final class InstallCommand implements Callable<Integer> {

  static final String WINDOWS_INSTALL_ROOT = "C:\\Program Files\\relay-agent";

  @Spec private CommandSpec spec;
  @Mixin private ServiceCommand.LayoutOptions layoutOptions;

  @Option(names = "--firewall", description = "Also add the iptables rules (Linux).")
  private boolean firewall;

  @Option(names = "--dry-run", description = "Print the steps and the removal; change nothing.")
  private boolean dryRun;

  @Option(
      names = "--windows",
      description =
          "With --dry-run: print the Windows install on any OS, for review (install root"
              + " --install-root, default "
              + WINDOWS_INSTALL_ROOT
              + "; Java runtime --java-home, default %JAVA_HOME%).")
  private boolean windows;

  @Option(
      names = "--install-root",
      paramLabel = "DIR",
      description = "With --windows: the directory the zip was unpacked to (above bin\\).")
  private String installRoot;

  @Option(
      names = "--java-home",
      paramLabel = "DIR",
      description = "With --windows: the Java runtime the service runs in.")
  private String javaHome;

  /** Tests install into a directory standing in for the file system. */
  @Option(names = "--root", hidden = true)
  private Path root;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ServiceLayout thisMachine = ServiceLayout.forThisMachine();
    boolean foreign = windows && !thisMachine.windows();
    if (foreign && !dryRun) {
      throw new ParameterException(
          spec.commandLine(), "--windows on this machine only prints: add --dry-run");
    }
    if (!foreign && (installRoot != null || javaHome != null)) {
      throw new ParameterException(
          spec.commandLine(), "--install-root and --java-home go with --windows --dry-run");
    }
    ServiceLayout layout =
        layoutOptions.apply(
            foreign
                ? ServiceLayout.windows(
                    installRoot == null ? WINDOWS_INSTALL_ROOT : installRoot,
                    javaHome == null ? "%JAVA_HOME%" : javaHome)
                : thisMachine);
    TargetFiles files =
        foreign
            ? TargetFiles.foreign()
            : root == null ? TargetFiles.thisMachine() : TargetFiles.under(root);
    if (!layout.windows()) {
      SystemdUnit.sandboxWarnings(layout)
          .forEach(warning -> spec.commandLine().getErr().println("warning: " + warning));
    }
    try {
      new Installer(files, Commands.processes(), out, dryRun).install(layout, firewall);
      out.flush();
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      out.flush();
      spec.commandLine().getErr().println("relay-agent: service install: " + e.getMessage());
      return 1;
    }
  }
}
