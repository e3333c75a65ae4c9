package io.relayagent.protocol.admin;

import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.protocol.json.Fields;

/**
 * One relay's latest statistics, as {@code /admin/v1/relay-statistics} answers them: what the agent
 * with relay capability reported at its last ASCI.
 *
 * @param relayId the reporting agent's id (its relay's id: both are its certificate's name)
 * @param reported when the relay made the report (its {@code time}), ISO-8601 with an offset
 */
public record RelayStatisticsEntry(String relayId, String reported, RelayStatistics statistics) {

  public RelayStatisticsEntry {
    relayId = Fields.text("relayId", relayId, Fields.MAX_TEXT);
    reported = Fields.offsetTime("reported", reported);
    statistics = Fields.required("statistics", statistics, "an object");
  }
}
