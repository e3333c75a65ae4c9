package io.relayagent.server.agent;

import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.sitelist.IpLiterals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents the server has heard from. Each status report is kept durably in the server's database
 * ({@link AgentStore}), with the relay statistics it carries ({@link RelayStatisticsStore}), so
 * every server instance lists every agent that reported to any of them. That an agent made some
 * other request only updates this instance's memory, until its next report: a write per request
 * would cost more than the "last seen" it keeps fresh is worth.
 */
public final class AgentDirectory {
  private final AgentStore store;
  private final RelayStatisticsStore relays;
  private final Map<String, AgentRecord> seen = new ConcurrentHashMap<>();

  public AgentDirectory(AgentStore store, RelayStatisticsStore relays) {
    this.store = store;
    this.relays = relays;
  }

  /** Every agent, by id: those that reported, and those this instance saw since it started. */
  public List<AgentRecord> list() throws IOException {
    Map<String, AgentRecord> agents = new TreeMap<>();
    store.all().forEach(agent -> agents.put(agent.agentId(), agent));
    seen.values().forEach(agent -> agents.merge(agent.agentId(), agent, AgentDirectory::latest));
    return new ArrayList<>(agents.values());
  }

  /** The agent of that id, if the server has heard from it. */
  public Optional<AgentRecord> find(String agentId) throws IOException {
    Optional<AgentRecord> stored = store.find(agentId);
    AgentRecord local = seen.get(agentId);
    if (local == null) {
      return stored;
    }
    return Optional.of(stored.map(agent -> latest(agent, local)).orElse(local));
  }

  /** Each relay's latest statistics, by relay id. */
  public List<RelayStatisticsEntry> relayStatistics() throws IOException {
    return relays.all();
  }

  /** Notes a request of {@code agentId}, in memory only. */
  void seen(String agentId, InetSocketAddress from, Instant now) {
    seen.compute(
        agentId,
        (id, known) ->
            new AgentRecord(id, known == null ? null : known.status(), now, address(from)));
  }

  /** Keeps {@code report} as the agent's latest, durably, before the report is acknowledged. */
  void report(StatusReport report, InetSocketAddress from, Instant now) throws IOException {
    AgentRecord agent = new AgentRecord(report.agentId(), report, now, address(from));
    store.save(agent);
    if (report.relayStatistics() != null) {
      relays.save(
          new RelayStatisticsEntry(report.agentId(), report.time(), report.relayStatistics()));
    } else {
      relays.remove(report.agentId());
    }
    seen.put(agent.agentId(), agent);
  }

  /**
   * The later of two records of one agent, with the last report either holds: the store has the
   * report, this instance's memory may have a later request.
   */
  private static AgentRecord latest(AgentRecord a, AgentRecord b) {
    AgentRecord later = Comparator.comparing(AgentRecord::lastSeen).compare(a, b) >= 0 ? a : b;
    AgentRecord other = later == a ? b : a;
    StatusReport status = later.status() != null ? later.status() : other.status();
    return new AgentRecord(later.agentId(), status, later.lastSeen(), later.address());
  }

  private static String address(InetSocketAddress from) {
    return from == null ? null : IpLiterals.format(from.getAddress());
  }
}
