package io.relayagent.protocol.wakeup;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * The body of {@code POST /admin/v1/wakeups}: {@code {"agents":["laptop-042"],"all":false}}.
 *
 * @param agents the agent ids to wake (none with {@code all})
 * @param all wake every agent the server knows
 */
public record WakeupRequest(List<String> agents, Boolean all) {

  /** The most agents one request names: a server's worth. */
  public static final int MAX_AGENTS = 100_000;

  public WakeupRequest {
    agents = agents == null ? List.of() : Fields.list("agents", agents);
    all = all != null && all;
    if (agents.size() > MAX_AGENTS) {
      throw Fields.problem("agents", "names more than " + MAX_AGENTS + " agents");
    }
    for (int i = 0; i < agents.size(); i++) {
      Fields.text("agents[" + i + "]", agents.get(i), Fields.MAX_TEXT);
    }
    if (all == !agents.isEmpty()) {
      throw Fields.problem("agents", "name agents, or set all to true, not both");
    }
  }
}
