package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/** {@code GET /admin/v1/agents}: the agents the server has heard from, by id. */
public record AgentList(List<AgentSummary> agents) {

  public AgentList {
    agents = Fields.list("agents", agents);
  }
}
