package io.relayagent.tests.cli;

import java.util.Map;

/**
 * One relay as {@code relay-agent relays --json} and {@code discover --json} list it.
 *
 * @param source {@code static} or {@code discovered}
 * @param state {@code in use} for the relay of the last ASCI, else {@code cached}
 * @param roundTripMillis the round trip the agent measured: from sending its request until the
 *     offer was read
 */
public record RelayView(
    String relayId, String address, int port, String source, String state, double roundTripMillis) {

  static RelayView of(Map<String, Object> json) {
    return new RelayView(
        CliJson.string(json, "relayId"),
        CliJson.string(json, "address"),
        CliJson.integer(json, "port"),
        CliJson.string(json, "source"),
        CliJson.string(json, "state"),
        ((Number) json.get("roundTripMillis")).doubleValue());
  }
}
