package io.relayagent.cli.relay;

import java.util.Map;

/** An edge relay of the admin API's answers, as people read it: {@code host:port}. */
final class EdgeRelayText {
  private EdgeRelayText() {}

  static String address(Map<String, Object> relay) {
    String host = String.valueOf(relay.get("host"));
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + relay.get("port");
  }
}
