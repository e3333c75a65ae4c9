package io.relayagent.server.agent;

import io.relayagent.protocol.admin.RelayStatisticsEntry;
import java.io.IOException;
import java.util.List;

/**
 * Where each relay's latest statistics are kept: those of the last report of an agent whose relay
 * capability was running then. A report without statistics (the relay stopped) removes them.
 */
public interface RelayStatisticsStore {

  /** Keeps {@code entry} as its relay's latest. */
  void save(RelayStatisticsEntry entry) throws IOException;

  /** Forgets {@code relayId}'s statistics: its agent reported without a running relay. */
  void remove(String relayId) throws IOException;

  /** Every relay's latest statistics, by relay id. */
  List<RelayStatisticsEntry> all() throws IOException;
}
