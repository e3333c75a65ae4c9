package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;

/**
 * The body of {@code POST /admin/v1/edge-relays}: {@code {"host":"edge.example.com","port":8083}}.
 *
 * @param host a host name, an IPv4 address, or an IPv6 address with or without brackets
 * @param port the relay's tunnel port; its range is the server's to check
 */
public record EdgeRelayRequest(String host, Integer port) {

  public EdgeRelayRequest {
    host = Fields.text("host", host, 255);
    port = Fields.required("port", port, "a number");
  }
}
