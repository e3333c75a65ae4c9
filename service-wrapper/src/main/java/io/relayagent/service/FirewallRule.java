package io.relayagent.service;

import java.util.Locale;

/**
 * One inbound rule the agent needs: the model that the nftables, iptables and netsh texts are all
 * made from.
 *
 * @param purpose what the port is for, in rule names and comments ("discovery", "tunnel")
 */
public record FirewallRule(Protocol protocol, Direction direction, int port, String purpose) {

  public enum Protocol {
    TCP,
    UDP;

    /** The lower-case name every firewall tool uses. */
    public String tool() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which port of an inbound packet the rule matches. */
  public enum Direction {
    /** Packets to this port here (a listener). */
    IN_TO_PORT,
    /** Packets from this port of a peer (unicast replies to our broadcast). */
    IN_FROM_PORT
  }

  public FirewallRule {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a firewall rule needs a port 1-65535, not " + port);
    }
  }

  /** "UDP 8082 in" or "UDP from 8082", for rule names. */
  public String summary() {
    return protocol + (direction == Direction.IN_TO_PORT ? " " + port + " in" : " from " + port);
  }
}
