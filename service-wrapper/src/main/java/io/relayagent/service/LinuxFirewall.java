package io.relayagent.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's ports: discovery requests in on UDP 8082, relay tunnels in on TCP 8083, and the
 * relays' discovery replies, which come from UDP source port 8082.
 */
public final class LinuxFirewall {

  static final String COMMENT = "relay-agent";

  private LinuxFirewall() {}

  /** The iptables rule specifications (after {@code -I INPUT} / {@code -D INPUT}). */
  static List<List<String>> iptablesRules() {
    List<List<String>> rules = new ArrayList<>();
    rules.add(rule("udp", "--dport", "8082"));
    rules.add(rule("tcp", "--dport", "8083"));
    rules.add(rule("udp", "--sport", "8082"));
    return rules;
  }

  private static List<String> rule(String protocol, String portOption, String port) {
    return List.of(
        "-p", protocol, portOption, port, "-m", "comment", "--comment", COMMENT, "-j", "ACCEPT");
  }

  /** The commands that add the rules (iptables, and ip6tables for IPv6). */
  static List<List<String>> iptablesAdd() {
    List<List<String>> commands = new ArrayList<>();
    for (String tool : List.of("iptables", "ip6tables")) {
      for (List<String> rule : iptablesRules()) {
        List<String> command = new ArrayList<>(List.of(tool, "-I", "INPUT"));
        command.addAll(rule);
        commands.add(command);
      }
    }
    return commands;
  }

  /** The same rule deleted: what uninstall runs. */
  static List<String> deleteOf(List<String> add) {
    List<String> delete = new ArrayList<>(add);
    delete.set(1, "-D");
    return delete;
  }

  /** The iptables commands, one a line. */
  public static String iptables() {
    StringBuilder out = new StringBuilder();
    for (List<String> command : iptablesAdd()) {
      out.append(String.join(" ", command)).append('\n');
    }
    return out.toString();
  }

  /** The nftables rules, for the {@code inet filter} table of the distribution's nftables.conf. */
  public static String nftables() {
    return """
        nft add rule inet filter input udp dport 8082 accept comment \\"relay-agent discovery\\"
        nft add rule inet filter input tcp dport 8083 accept comment \\"relay-agent tunnel\\"
        nft add rule inet filter input udp sport 8082 accept comment \\"relay-agent discovery replies\\"
        """;
  }
}
