package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * {@code GET /admin/v1/relay-statistics}: the latest statistics of every relay that reported some,
 * by relay id. LAN relays and edge relays alike: each is an agent with relay capability.
 */
public record RelayStatisticsList(List<RelayStatisticsEntry> relays) {

  public RelayStatisticsList {
    relays = Fields.list("relays", relays);
  }
}
