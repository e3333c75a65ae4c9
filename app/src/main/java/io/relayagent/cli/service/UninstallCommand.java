package io.relayagent.cli.service;

import io.relayagent.service.Installer;
import io.relayagent.service.ServiceLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent service uninstall}: undoes exactly what install recorded. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = "Undo what `service install` recorded, in reverse order (Linux, as root).")
public final class UninstallCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
  private boolean dryRun;

  @Option(names = "--root", hidden = true, defaultValue = "/")
  private Path root;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (ServiceLayout.forThisMachine().windows()) {
      out.println(
          "On Windows: prunsrv.exe //DS//RelayAgent (procrun) or relay-agent-service.exe uninstall"
              + " (WinSW), then remove the firewall rules named \"Relay Agent ...\".");
      out.flush();
      return 0;
    }
    try {
      new Installer(root, Installer.processes(), out, dryRun).uninstall();
      out.flush();
      return 0;
    } catch (IOException e) {
      out.flush();
      spec.commandLine().getErr().println("relay-agent: service uninstall: " + e.getMessage());
      return 1;
    }
  }
}
