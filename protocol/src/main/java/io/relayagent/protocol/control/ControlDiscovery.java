package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * Where a {@code discover} round asked: what an administrator checks first when no relay answered.
 *
 * @param enabled whether the agent's policy lets it discover relays at all; {@code false}: no
 *     request was sent
 * @param port the UDP port relays were asked on (the policy's {@code discoveryPort})
 * @param targets every address the request was sent to, in order; empty when no interface the
 *     policy selects was up
 */
public record ControlDiscovery(boolean enabled, int port, List<ControlDiscoveryTarget> targets) {

  public ControlDiscovery {
    targets = Fields.list("targets", targets);
  }
}
