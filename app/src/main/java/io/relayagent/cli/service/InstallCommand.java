package io.relayagent.cli.service;

import io.relayagent.service.Installer;
import io.relayagent.service.LinuxFirewall;
import io.relayagent.service.ServiceLayout;
import io.relayagent.service.WindowsService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent service install}: systemd on Linux; the commands to run on Windows. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Linux (as root): create the service user and directories, write"
          + " /etc/systemd/system/relay-agent.service, enable and start it, and record each step"
          + " for `service uninstall`.",
      "Windows: print the procrun command, a WinSW XML and the firewall commands."
    })
public final class InstallCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ServiceCommand.LayoutOptions layoutOptions;

  @Option(names = "--firewall", description = "Also add the iptables rules (Linux).")
  private boolean firewall;

  @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
  private boolean dryRun;

  @Option(names = "--root", hidden = true, defaultValue = "/")
  private Path root;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ServiceLayout layout = layoutOptions.apply(ServiceLayout.forThisMachine());
    if (layout.windows()) {
      out.print(WindowsService.instructions(layout));
      out.flush();
      return 0;
    }
    try {
      new Installer(root, Installer.processes(), out, dryRun).install(layout, firewall);
      out.flush();
      return 0;
    } catch (IOException e) {
      out.flush();
      spec.commandLine().getErr().println("relay-agent: service install: " + e.getMessage());
      return 1;
    }
  }

  static String linuxFirewall() {
    return LinuxFirewall.nftables() + LinuxFirewall.iptables();
  }
}
