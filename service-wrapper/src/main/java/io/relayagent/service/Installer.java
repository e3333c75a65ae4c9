package io.relayagent.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code service install} and {@code uninstall}: the steps of {@link LinuxService} (systemd) or
 * {@link WindowsService} (procrun), run by a {@link Transaction} so that an install either
 * completes or is undone, and uninstall reverses exactly what install did (a user or directory that
 * existed before is left alone).
 *
 * <pre>{@code
 * new Installer(TargetFiles.thisMachine(), Commands.processes(), out, false)
 *     .install(ServiceLayout.forThisMachine(), true);
 * }</pre>
 */
public final class Installer {

  private final TargetFiles files;
  private final Commands commands;
  private final PrintWriter out;
  private final boolean dryRun;

  /**
   * @param files the target's file system ({@link TargetFiles#under} {@code /}; a temporary
   *     directory in tests; {@link TargetFiles#foreign} to print another machine's install)
   * @param dryRun print the steps (and the removal), run nothing
   */
  public Installer(TargetFiles files, Commands commands, PrintWriter out, boolean dryRun) {
    this.files = files;
    this.commands = commands;
    this.out = out;
    this.dryRun = dryRun;
  }

  /** The same, with the target's file system under {@code root}. */
  public Installer(Path root, Commands commands, PrintWriter out, boolean dryRun) {
    this(TargetFiles.under(root), commands, out, dryRun);
  }

  /** Where the record of an install is kept: beside the directories it makes, never inside. */
  public static String manifestOf(boolean windows) {
    return windows
        ? ServiceLayout.windowsProgramData() + "\\relay-agent-service.manifest"
        : LinuxService.MANIFEST;
  }

  private Transaction transaction(boolean windows) {
    Path manifest =
        files
            .find(manifestOf(windows))
            .orElse(Path.of(manifestOf(windows).replace('\\', '/'))); // printed only
    return new Transaction(manifest, files, commands, windows ? Shell.CMD : Shell.POSIX, out);
  }

  /**
   * Installs, enables and starts the service (or prints how, with {@code dryRun}); returns the
   * manifest's path.
   *
   * @param firewall on Linux, apply the iptables rules (they are printed otherwise); Windows always
   *     adds its netsh rules
   * @throws IOException naming the step that failed and what was undone
   */
  public Path install(ServiceLayout layout, boolean firewall)
      throws IOException, InterruptedException {
    FirewallRules rules = FirewallRules.forPolicyFile(layout.policy(), files.find(layout.policy()));
    Plan plan =
        layout.windows()
            ? WindowsService.plan(layout, this::directoryExists, rules)
            : LinuxService.plan(layout, files, this::userExists, rules, firewall);
    Transaction transaction = transaction(layout.windows());
    if (dryRun) {
      transaction.print(plan);
    } else {
      transaction.run(plan);
    }
    return transaction.manifest();
  }

  private boolean directoryExists(String dir) {
    return files.find(dir).map(Files::isDirectory).orElse(false);
  }

  /** A dry run asks nothing of the system: it shows the user being made. */
  private boolean userExists(String user) {
    if (dryRun) {
      return false;
    }
    try {
      return commands.run(List.of("id", "-u", user)) == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Undoes what the manifest records, newest step first (or prints it, with {@code dryRun}). */
  public void uninstall(boolean windows) throws IOException, InterruptedException {
    Transaction transaction = transaction(windows);
    if (dryRun) {
      transaction.printUndo();
    } else {
      transaction.undo();
    }
  }

  /** {@link #uninstall(boolean)} of a Linux install. */
  public void uninstall() throws IOException, InterruptedException {
    uninstall(false);
  }
}
