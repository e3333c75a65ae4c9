package io.relayagent.cli.service;

import io.relayagent.service.Commands;
import io.relayagent.service.Installer;
import io.relayagent.service.ServiceLayout;
import io.relayagent.service.TargetFiles;
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
    description = {
      "Undo what `service install` recorded, newest step first (Linux as root, Windows as an"
          + " administrator); also what an install that failed or was killed half-way left.",
      "Steps whose undo fails stay recorded: fix the cause and run uninstall again."
    })
public final class UninstallCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--dry-run", description = "Print what would be run; change nothing.")
  private boolean dryRun;

  /** Tests install into a directory standing in for the file system. */
  @Option(names = "--root", hidden = true)
  private Path root;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    boolean windows = ServiceLayout.forThisMachine().windows();
    try {
      new Installer(
              root == null ? TargetFiles.thisMachine() : TargetFiles.under(root),
              Commands.processes(),
              out,
              dryRun)
          .uninstall(windows);
      out.flush();
      return 0;
    } catch (IOException e) {
      out.flush();
      spec.commandLine().getErr().println("relay-agent: service uninstall: " + e.getMessage());
      return 1;
    }
  }
}
