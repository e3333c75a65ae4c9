package io.relayagent.server.agent;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where the agents' last status reports are kept: each agent's latest report, when and from where
 * it came. Durable before {@link #save} returns; shared by every server instance on the database.
 */
public interface AgentStore {

  /** Keeps {@code agent} (with its report) as the latest of its id. */
  void save(AgentRecord agent) throws IOException;

  /** Every agent with a report, by id. */
  List<AgentRecord> all() throws IOException;

  /** The agent of that id, if it has reported. */
  Optional<AgentRecord> find(String agentId) throws IOException;
}
