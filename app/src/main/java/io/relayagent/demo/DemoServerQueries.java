package io.relayagent.demo;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.server.admin.AdminException;
import io.relayagent.trust.TrustFileException;
import java.io.IOException;

/** What the demo asks the server afterwards, as its administrator would: over the admin API. */
final class DemoServerQueries {
  private DemoServerQueries() {}

  /** How many events the server has stored from {@code agentId}. */
  static long eventsStored(DemoWorld world, String agentId)
      throws IOException, InterruptedException, TrustFileException, AdminException {
    AdminClient admin = world.adminClient();
    return admin.agents().stream()
        .filter(agent -> agentId.equals(agent.agentId()))
        .mapToLong(AgentSummary::eventsStored)
        .findFirst()
        .orElse(0);
  }
}
