package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * One relay the agent knows, as {@code relays} and {@code discover} list it.
 *
 * @param address the tunnel listener's host
 * @param source {@code static} or {@code discovered}
 * @param roundTripMillis for a discovered relay, from sending the discovery request until its offer
 *     was read off the socket (before the offer was checked); 0 for a static relay
 * @param firstSeen when the agent first learnt of it, ISO-8601
 * @param lastUsed when the last ASCI through it ended, never before {@code firstSeen}; {@code null}
 *     if it has not carried traffic since it was first seen
 * @param state {@code in use}, {@code cached}, or {@code dropped} (it failed and the agent no
 *     longer tries it; {@code lastFailure} says why)
 * @param load the relay's load as it last offered it, of {@code capacity}
 * @param lastFailure why it failed the agent last, or {@code null} if it has not
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
    int capacity,
    ControlRelayFailure lastFailure) {

  public ControlRelay {
    relayId = Fields.text("relayId", relayId, Fields.MAX_TEXT);
  }
}
