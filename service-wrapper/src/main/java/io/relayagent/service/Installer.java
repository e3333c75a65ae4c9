package io.relayagent.service;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code service install} and {@code uninstall} on Linux. Every step install takes is recorded in a
 * manifest as the command that undoes it; uninstall runs those commands in reverse order, and so
 * reverses exactly what install did (a user or directory that existed before is left alone).
 */
public final class Installer {

  /** Runs a command; returns its exit code. */
  public interface Commands {
    int run(List<String> command) throws IOException, InterruptedException;
  }

  static final String UNIT = "etc/systemd/system/relay-agent.service";
  static final String MANIFEST = "var/lib/relay-agent-service.manifest";

  private final Path root;
  private final Commands commands;
  private final PrintWriter out;
  private final boolean dryRun;

  /**
   * @param root the file system root ({@code /}; a temporary directory in tests)
   */
  public Installer(Path root, Commands commands, PrintWriter out, boolean dryRun) {
    this.root = root;
    this.commands = commands;
    this.out = out;
    this.dryRun = dryRun;
  }

  private Path file(String absolute) {
    return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    out.println((dryRun ? "would run: " : "+ ") + String.join(" ", command));
    if (!dryRun) {
      int code = commands.run(command);
      if (code != 0) {
        throw new IOException(String.join(" ", command) + " failed with exit code " + code);
      }
    }
  }

  /** Installs, enables and starts the service; returns the manifest's path. */
  public Path install(ServiceLayout layout, boolean firewall)
      throws IOException, InterruptedException {
    Path manifest = root.resolve(MANIFEST);
    if (Files.exists(manifest)) {
      throw new IOException(
          "already installed (" + manifest + "); run `relay-agent service uninstall` first");
    }
    List<String> undo = new ArrayList<>();
    String user = layout.user();
    if (dryRun || commands.run(List.of("id", "-u", user)) != 0) {
      run(
          List.of(
              "useradd",
              "--system",
              "--user-group",
              "--no-create-home",
              "--home-dir",
              layout.stateDirectory(),
              "--shell",
              "/usr/sbin/nologin",
              user));
      undo.add("userdel\t" + user);
    }
    for (String dir :
        new java.util.LinkedHashSet<>(
            List.of(
                layout.parentOf(layout.policy()),
                layout.parentOf(layout.siteList()),
                layout.stateDirectory()))) {
      if (!Files.isDirectory(file(dir))) {
        run(List.of("install", "-d", "-m", "0750", "-o", user, "-g", user, file(dir).toString()));
        undo.add("rmdir\t--ignore-fail-on-non-empty\t" + file(dir));
      }
    }
    Path unit = root.resolve(UNIT);
    out.println((dryRun ? "would write: " : "+ write ") + unit);
    if (!dryRun) {
      byte[] content = SystemdUnit.render(layout).getBytes(StandardCharsets.UTF_8);
      AtomicFile.replace(unit, content, FileAccess.PUBLIC);
    }
    undo.add("systemctl\tdaemon-reload"); // undone in reverse: after the unit is removed
    undo.add("rm\t-f\t" + unit);
    run(List.of("systemctl", "daemon-reload"));
    run(List.of("systemctl", "enable", "--now", "relay-agent.service"));
    undo.add("systemctl\tdisable\t--now\trelay-agent.service");
    if (firewall) {
      for (List<String> add : LinuxFirewall.iptablesAdd()) {
        run(add);
        undo.add(String.join("\t", LinuxFirewall.deleteOf(add)));
      }
    } else {
      out.println("# Firewall rules (not applied; --firewall applies the iptables ones):");
      out.println("# nftables:");
      out.print(LinuxFirewall.nftables());
      out.println("# iptables:");
      out.print(LinuxFirewall.iptables());
    }
    if (!dryRun) {
      // Whole or not at all: a torn manifest would undo only part of the install.
      StringBuilder lines = new StringBuilder();
      undo.forEach(line -> lines.append(line).append(System.lineSeparator()));
      AtomicFile.replace(
          manifest, lines.toString().getBytes(StandardCharsets.UTF_8), FileAccess.PRIVATE);
      out.println("recorded in " + manifest);
    }
    return manifest;
  }

  /** Runs the manifest's undo commands in reverse order, then removes the manifest. */
  public void uninstall() throws IOException, InterruptedException {
    Path manifest = root.resolve(MANIFEST);
    if (!Files.exists(manifest)) {
      throw new IOException("not installed: no " + manifest);
    }
    List<String> undo = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    for (int i = undo.size() - 1; i >= 0; i--) {
      if (!undo.get(i).isBlank()) {
        run(List.of(undo.get(i).split("\t")));
      }
    }
    if (!dryRun) {
      Files.delete(manifest);
    }
  }

  /** The real commands, with their output passed through. */
  public static Commands processes() {
    return command -> new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
