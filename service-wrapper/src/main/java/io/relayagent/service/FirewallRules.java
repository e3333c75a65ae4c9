package io.relayagent.service;

import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.service.FirewallRule.Direction;
import io.relayagent.service.FirewallRule.Protocol;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inbound rules for the ports of the policy the service will run with: discovery requests in
 * (relays answer them), discovery replies in (stateful firewalls do not match a unicast reply to a
 * broadcast), the TLS tunnel and, when enabled, the plain proxy. The tunnel is opened even while
 * relay capability is off, since the server can switch it on by policy without a restart.
 *
 * @param source where the ports came from, for the output ("ports from FILE", "policy defaults")
 * @param warnings ports that no rule can open (0: chosen by the system at each start)
 */
public record FirewallRules(String source, List<FirewallRule> rules, List<String> warnings) {

  public FirewallRules {
    rules = List.copyOf(rules);
    warnings = List.copyOf(warnings);
  }

  /** The rules for {@code policy}, whose ports came from {@code source}. */
  public static FirewallRules of(Policy policy, String source) {
    List<FirewallRule> rules = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int discovery = policy.relayClient().discoveryPort();
    rules.add(new FirewallRule(Protocol.UDP, Direction.IN_TO_PORT, discovery, "discovery"));
    rules.add(
        new FirewallRule(Protocol.UDP, Direction.IN_FROM_PORT, discovery, "discovery replies"));
    RelayServerPolicy relay = policy.relayServer();
    add(rules, warnings, relay.tunnelPort(), "tunnel", "<relayServer tunnelPort>");
    if (relay.plainProxy().enabled()) {
      add(rules, warnings, relay.plainProxy().port(), "plain proxy", "<plainProxy port>");
    }
    return new FirewallRules(source, rules, warnings);
  }

  private static void add(
      List<FirewallRule> rules, List<String> warnings, int port, String purpose, String setting) {
    if (port == 0) {
      warnings.add(
          "WARNING: the "
              + purpose
              + " port is 0 (the system chooses one at each start): no firewall rule can open"
              + " it, so peers behind a firewall cannot reach it; set "
              + setting
              + " to a fixed port");
    } else {
      rules.add(new FirewallRule(Protocol.TCP, Direction.IN_TO_PORT, port, purpose));
    }
  }

  /**
   * The rules for the policy file {@code shown} (as the service names it), found at {@code local}
   * when this machine can see it; the policy defaults when there is no such file yet.
   *
   * @throws IOException if the file exists but is not a valid policy (the service would not start)
   */
  public static FirewallRules forPolicyFile(String shown, Optional<Path> local) throws IOException {
    if (local.isEmpty() || !Files.exists(local.get())) {
      return of(Policy.defaults(), "policy defaults (" + shown + " does not exist yet)");
    }
    try {
      return of(PolicyReader.read(local.get()), "ports from " + shown);
    } catch (XmlFileException e) {
      throw new IOException(
          "the policy the service would run with is not valid, so its ports are unknown:\n"
              + String.join("\n", e.problems().stream().map(Object::toString).toList()),
          e);
    }
  }
}
