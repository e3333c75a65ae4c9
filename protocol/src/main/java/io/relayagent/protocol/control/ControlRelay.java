package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * One relay the agent knows, as {@code relays} and {@code discover} list it.
 *
 * @param address the tunnel listener's host
 * @param source {@code static} or {@code discovered}
 * @param roundTripMillis how long its offer took, or the connection to it
 * @param firstSeen when the agent first learnt of it, ISO-8601
 * @param lastUsed when the agent last reached its server through it; {@code null} if not lately
 * @param state {@code in use} or {@code cached}
 * @param load the relay's load as it last offered it, of {@code capacity}
 */
public record ControlRelay(
    String relayId,
    String address,
    int port,
    String source,
    double roundTripMillis,
    String firstSeen,
    String lastUsed,
    String state,
    int load,
    int capacity) {

  public ControlRelay {
    relayId = Fields.text("relayId", relayId, Fields.MAX_TEXT);
  }
}
