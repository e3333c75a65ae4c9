package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * One address a discovery request was sent to.
 *
 * @param interfaceName the interface it leaves by (the one whose directed broadcast it is, or the
 *     one an IPv6 group is scoped to); {@code null} for {@code 255.255.255.255}, which the system
 *     sends where it chooses
 * @param address the address, IPv6 in its short form with its scope
 */
public record ControlDiscoveryTarget(String interfaceName, String address) {

  public ControlDiscoveryTarget {
    interfaceName = Fields.optionalText("interfaceName", interfaceName, Fields.MAX_TEXT);
    address = Fields.text("address", address, Fields.MAX_TEXT);
  }
}
