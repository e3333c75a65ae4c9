package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * The answer to {@code relays} and {@code discover}: the relays in the order the agent tries them.
 *
 * @param asked for {@code discover}, where its round asked (so that "nothing answered" can say
 *     where); {@code null} for {@code relays}, and from an agent older than this member
 */
public record ControlRelays(List<ControlRelay> relays, ControlDiscovery asked) {

  public ControlRelays {
    relays = Fields.list("relays", relays);
  }

  /** The answer to {@code relays}, which ran no round. */
  public ControlRelays(List<ControlRelay> relays) {
    this(relays, null);
  }
}
