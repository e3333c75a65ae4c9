package io.relayagent.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link FirewallRules} as iptables commands (which install applies with {@code --firewall})
 * and as nftables rules (printed for hosts that use nft directly).
 */
public final class LinuxFirewall {

  /** The iptables comment that tags every rule install adds. */
  static final String COMMENT = "relay-agent";

  private LinuxFirewall() {}

  private static List<String> iptablesMatch(FirewallRule rule) {
    String portOption =
        rule.direction() == FirewallRule.Direction.IN_TO_PORT ? "--dport" : "--sport";
    return List.of(
        "-p",
        rule.protocol().tool(),
        portOption,
        String.valueOf(rule.port()),
        "-m",
        "comment",
        "--comment",
        COMMENT,
        "-j",
        "ACCEPT");
  }

  /** One {@code iptables}/{@code ip6tables} command ({@code -I} adds, {@code -D} deletes). */
  static List<String> iptables(String tool, String operation, FirewallRule rule) {
    List<String> command = new ArrayList<>(List.of(tool, operation, "INPUT"));
    command.addAll(iptablesMatch(rule));
    return command;
  }

  /** The install steps: each rule added for IPv4 and IPv6, its deletion recorded as the undo. */
  static List<Step> iptablesSteps(FirewallRules rules) {
    List<Step> steps = new ArrayList<>();
    for (String tool : List.of("iptables", "ip6tables")) {
      for (FirewallRule rule : rules.rules()) {
        steps.add(
            new Step(
                tool + ": " + rule.purpose() + " (" + rule.summary() + ")",
                new Action.Run(iptables(tool, "-I", rule)),
                new Action.Run(iptables(tool, "-D", rule))));
      }
    }
    return steps;
  }

  /** The iptables commands, one a line. */
  public static String iptables(FirewallRules rules) {
    StringBuilder out = new StringBuilder();
    for (Step step : iptablesSteps(rules)) {
      out.append(step.action().text(Shell.POSIX)).append('\n');
    }
    return out.toString();
  }

  /** The nftables rules, for the {@code inet filter} table of the distribution's nftables.conf. */
  public static String nftables(FirewallRules rules) {
    StringBuilder out = new StringBuilder();
    for (FirewallRule rule : rules.rules()) {
      String match = rule.direction() == FirewallRule.Direction.IN_TO_PORT ? "dport" : "sport";
      out.append("nft add rule inet filter input ")
          .append(rule.protocol().tool())
          .append(' ')
          .append(match)
          .append(' ')
          .append(rule.port())
          .append(" accept comment \\\"relay-agent ")
          .append(rule.purpose())
          .append("\\\"\n");
    }
    return out.toString();
  }
}
