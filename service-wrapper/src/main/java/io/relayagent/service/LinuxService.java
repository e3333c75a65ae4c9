package io.relayagent.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The steps of a systemd install: the service user and directories it lacks, the unit, {@code
 * daemon-reload}, {@code enable --now}, and the iptables rules when asked for.
 */
final class LinuxService {

  static final String UNIT = "/etc/systemd/system/relay-agent.service";
  static final String MANIFEST = "/var/lib/relay-agent-service.manifest";

  private LinuxService() {}

  /**
   * @param files the target's files (directories that exist are left alone, and out of the plan)
   * @param userExists whether the service user exists already (then it is neither made nor removed)
   * @param applyFirewall add the iptables rules, or only print the rules
   */
  static Plan plan(
      ServiceLayout layout,
      TargetFiles files,
      Predicate<String> userExists,
      FirewallRules rules,
      boolean applyFirewall) {
    String user = layout.user();
    List<Step> account = new ArrayList<>();
    if (!userExists.test(user)) {
      account.add(
          new Step(
              "create user " + user,
              new Action.Run(
                  List.of(
                      "useradd",
                      "--system",
                      "--user-group",
                      "--no-create-home",
                      "--home-dir",
                      layout.stateDirectory(),
                      "--shell",
                      "/usr/sbin/nologin",
                      user)),
              new Action.Run(List.of("userdel", user))));
    }
    for (String dir : layout.directories()) {
      String local = files.resolve(dir).toString();
      if (!java.nio.file.Files.isDirectory(files.resolve(dir))) {
        account.add(
            new Step(
                "create directory " + dir,
                new Action.Run(
                    List.of("install", "-d", "-m", "0750", "-o", user, "-g", user, local)),
                new Action.RemoveEmptyDirectory(dir)));
      }
    }
    List<Step> service =
        List.of(
            new Step(
                "write " + UNIT,
                new Action.WriteFile(UNIT, SystemdUnit.render(layout)),
                new Action.RemoveFile(UNIT)),
            // Undone by removing the unit and reloading, so systemd forgets it; removing the file
            // again in the previous step's undo finds it gone, which is fine.
            new Step(
                "systemctl daemon-reload",
                new Action.Run(List.of("systemctl", "daemon-reload")),
                new Action.RemoveFile(UNIT),
                new Action.Run(List.of("systemctl", "daemon-reload"))),
            new Step(
                "enable and start relay-agent.service",
                new Action.Run(List.of("systemctl", "enable", "--now", "relay-agent.service")),
                new Action.Run(List.of("systemctl", "disable", "--now", "relay-agent.service"))));
    List<String> firewallNotes = new ArrayList<>();
    firewallNotes.add(rules.source());
    firewallNotes.addAll(rules.warnings());
    List<Step> firewall = List.of();
    if (applyFirewall) {
      firewall = LinuxFirewall.iptablesSteps(rules);
    } else {
      firewallNotes.add("not applied (--firewall applies the iptables ones); for nftables:");
      LinuxFirewall.nftables(rules).lines().forEach(firewallNotes::add);
      firewallNotes.add("or iptables:");
      LinuxFirewall.iptables(rules).lines().forEach(firewallNotes::add);
    }
    return new Plan(
        Shell.POSIX,
        List.of(
            new Plan.Section("Service user and directories", List.of(), account),
            new Plan.Section("systemd unit", List.of(), service),
            new Plan.Section("Firewall", firewallNotes, firewall)));
  }
}
