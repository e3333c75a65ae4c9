package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;

/**
 * A registered edge relay, as {@code /admin/v1/edge-relays} answers it: {@code
 * {"host":"edge.example.com","port":8083,"registered":"2026-03-02T09:00:00Z"}}.
 *
 * @param host in canonical form (lower case, no trailing dot; IPv6 without brackets)
 * @param registered when it was registered, ISO-8601
 */
public record EdgeRelayEntry(String host, Integer port, String registered) {

  public EdgeRelayEntry {
    host = Fields.text("host", host, 255);
    port = Fields.required("port", port, "a number");
    registered = Fields.offsetTime("registered", registered);
  }

  /** {@code host:port}, an IPv6 address in brackets: how people write it. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
