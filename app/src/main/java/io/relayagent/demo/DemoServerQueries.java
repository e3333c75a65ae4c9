package io.relayagent.demo;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.server.admin.AdminException;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.URI;

/** What the demo asks the server afterwards, as its administrator would: over the admin API. */
final class DemoServerQueries {
  private DemoServerQueries() {}

  /** How many events the server has stored from {@code agentId}. */
  static long eventsStored(DemoWorld world, ReferenceServer server, String agentId)
      throws IOException, InterruptedException, TrustFileException, AdminException {
    AdminClient admin =
        new AdminClient(
            URI.create("https://localhost:" + server.port()),
            server.adminToken(),
            TlsContexts.forJdkClient(
                TrustMaterial.load(TrustFiles.trusting(world.ca.resolve("ca.pem"))), Role.SERVER));
    return admin.agents().stream()
        .filter(agent -> agentId.equals(agent.agentId()))
        .mapToLong(AgentSummary::eventsStored)
        .findFirst()
        .orElse(0);
  }
}
