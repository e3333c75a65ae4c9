package io.relayagent.agent;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.cli.CliRun;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.protocol.admin.RelayStatisticsList;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.protocol.json.ProtocolJson;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay's statistics end to end: an agent whose direct path is blocked tunnels through the relay
 * and downloads content through its cache; the relay shows the figures in {@code relay-agent
 * status}, reports them at its next ASCI, and the server lists them in {@code relay-agent relay
 * stats}.
 */
class RelayStatisticsCliTest {

  @TempDir Path dir;

  @Test
  void relayStatistics_afterAnAgentTunnelled_showInStatusAndOnTheServer() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1", "agent-1"))) {
      world.startServer();
      world.addContent("signatures.dat", 64 * 1024);
      Path relayState = world.host("relay-1", world.policy().relay().xml());
      Agent relay = world.start("relay-1");
      relay.firstAsci().get(60, TimeUnit.SECONDS);
      world.host(
          "agent-1", world.policy().deadProxy().staticRelay(DemoWorld.tunnelPort(relay)).xml());
      Agent agent = world.start("agent-1");
      AgentStatus through = agent.firstAsci().get(60, TimeUnit.SECONDS);
      assertThat(through.lastOutcome()).isEqualTo("ok");
      assertThat(through.mode()).isEqualTo("relay");

      // A client that speaks no TLS to the tunnel port: one refusal for the reason "handshake".
      try (Socket plain = new Socket("127.0.0.1", DemoWorld.tunnelPort(relay))) {
        plain.getOutputStream().write("CONNECT x:1 HTTP/1.1\r\n\r\n".getBytes(US_ASCII));
        plain.getInputStream().read();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> relay.status().relay().statistics().refusedTotal() > 0);

      CliRun status = CliRun.run("status", "--state-dir", relayState.toString(), "--json");
      CliRun statusTable = CliRun.run("status", "--state-dir", relayState.toString());
      CliRun asci = CliRun.run("collect-and-send", "--state-dir", relayState.toString());
      CliRun stats = admin(world, "relay", "stats", "--json");
      CliRun table = admin(world, "relay", "stats");

      assertThat(status.exitCode()).as(status.err()).isZero();
      RelayStatistics shown =
          ProtocolJson.read(status.out().trim(), 1 << 16, ControlStatus.class)
              .relayCapability()
              .statistics();
      assertThat(shown.tunnelsOpened()).isPositive();
      assertThat(shown.agentsServed()).as("agent-1, the one agent served").isEqualTo(1);
      assertThat(shown.bytesFromAgents()).isPositive();
      assertThat(shown.bytesToAgents()).isPositive();
      assertThat(shown.cacheBytesServed()).as("the content, through the cache").isPositive();
      assertThat(statusTable.out())
          .contains(
              "relayCapability.statistics.agentsServed",
              "relayCapability.statistics.bandwidthSaved");
      assertThat(asci.exitCode()).as(asci.err()).isZero();
      assertThat(stats.exitCode()).as(stats.err()).isZero();
      RelayStatisticsEntry kept =
          ProtocolJson.read(stats.out().trim(), 1 << 16, RelayStatisticsList.class)
              .relays()
              .stream()
              .filter(entry -> entry.relayId().equals("relay-1"))
              .findFirst()
              .orElseThrow();
      assertThat(kept.statistics().tunnelsOpened()).isGreaterThanOrEqualTo(shown.tunnelsOpened());
      assertThat(kept.statistics().bytesToAgents()).isGreaterThanOrEqualTo(shown.bytesToAgents());
      assertThat(table.out()).contains("RELAY", "SAVED_BYTES", "relay-1").doesNotContain("agent-1");
      assertThat(table.out())
          .as("the refusals by reason in the table, not only in --json")
          .contains("REFUSED_BY_REASON")
          .containsPattern("relay-1 .* handshake=1\\s*$");
    }
  }

  private static CliRun admin(DemoWorld world, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--server",
            "https://localhost:" + world.server().port(),
            "--token-file",
            world.root().resolve("server").resolve("admin-token").toString(),
            "--ca",
            world.caDirectory().resolve("ca.pem").toString()));
    return CliRun.run(all.toArray(String[]::new));
  }
}
