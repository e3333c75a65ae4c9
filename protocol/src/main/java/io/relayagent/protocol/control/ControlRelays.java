package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * The answer to {@code relays} and {@code discover}: the relays in the order the agent tries them.
 */
public record ControlRelays(List<ControlRelay> relays) {

  public ControlRelays {
    relays = Fields.list("relays", relays);
  }
}
