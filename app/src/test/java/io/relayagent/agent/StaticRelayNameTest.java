package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.agent.StatusReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A static relay (an edge relay) is configured by {@code host:port}, but its relay id is its
 * certificate's name: that is the name the agent reports and the server records.
 */
class StaticRelayNameTest {

  @TempDir Path dir;

  @Test
  void statusReport_throughAStaticRelay_namesTheRelayByItsCertificate() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-edge", "agent-1"))) {
      world.startServer();
      world.host("relay-edge", world.policy().relay().xml());
      int edgePort = DemoWorld.tunnelPort(world.start("relay-edge"));
      world.host("agent-1", world.policy().deadProxy().staticRelay(edgePort).xml());
      List<String> progress = new CopyOnWriteArrayList<>();

      AgentStatus status =
          world.start("agent-1", progress::add).firstAsci().get(90, TimeUnit.SECONDS);

      assertThat(status.lastOutcome()).as(String.join("\n", progress)).isEqualTo("ok");
      assertThat(status.route())
          .as("the agent reached the server through the static relay")
          .isEqualTo("relay 127.0.0.1:" + edgePort);
      AgentSummary record =
          world.adminClient().agents().stream()
              .filter(agent -> agent.agentId().equals("agent-1"))
              .findFirst()
              .orElseThrow();
      assertThat(record.mode()).isEqualTo(StatusReport.Mode.RELAY);
      assertThat(record.relay()).isEqualTo("relay-edge");
    }
  }
}
