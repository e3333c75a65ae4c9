package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * {@code GET /admin/v1/edge-relays}: the registered edge relays in registration order, which is the
 * order agents get them in. The server keeps its registry in the same form.
 */
public record EdgeRelayList(List<EdgeRelayEntry> edgeRelays) {

  public EdgeRelayList {
    edgeRelays = Fields.list("edgeRelays", edgeRelays);
  }
}
