package io.relayagent.tests.cli;

import java.util.Map;

/**
 * One relay as {@code relay-agent relays --json} and {@code discover --json} list it.
 *
 * @param source {@code static} or {@code discovered}
 * @param state {@code in use} for the relay of the last ASCI, else {@code cached}
 */
public record RelayView(String relayId, String address, int port, String source, String state) {

  static RelayView of(Map<String, Object> json) {
    return new RelayView(
        CliJson.string(json, "relayId"),
        CliJson.string(json, "address"),
        CliJson.integer(json, "port"),
        CliJson.string(json, "source"),
        CliJson.string(json, "state"));
  }
}
