package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.demo.DemoWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent commands of the CLI against a running agent, over its control socket. */
class AgentCliTest {

  @TempDir Path dir;

  @Test
  void commands_againstARunningAgent_answerWithItsState() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1", "agent-1"))) {
      world.startServer();
      world.host("relay-1", world.policy().relay().xml());
      Path state = world.host("agent-1", world.policy().xml());
      world.start("relay-1").firstAsci().get(60, TimeUnit.SECONDS);
      Agent agent = world.start("agent-1");
      agent.firstAsci().get(60, TimeUnit.SECONDS);
      String stateDir = state.toString();

      CliRun status = CliRun.run("status", "--state-dir", stateDir);
      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.out())
          .contains("FIELD", "VALUE", agent.agentId(), "lastOutcome", "ok", "direct")
          .contains("relayCapability.enabled");

      CliRun statusJson = CliRun.run("status", "--state-dir", stateDir, "--json");
      assertThat(statusJson.exitCode()).as(statusJson.err()).isZero();
      assertThat(statusJson.out())
          .startsWith("{")
          .contains("\"agentId\":\"" + agent.agentId() + "\"")
          .contains("\"lastOutcome\":\"ok\"")
          .contains("\"mode\":\"direct\"");

      CliRun discover = CliRun.run("discover", "--state-dir", stateDir);
      assertThat(discover.exitCode()).as(discover.err()).isZero();
      assertThat(discover.out()).contains("RELAY", "RTT_MS", "relay-1", "discovered");

      CliRun relays = CliRun.run("relays", "--state-dir", stateDir, "--json");
      assertThat(relays.exitCode()).as(relays.err()).isZero();
      assertThat(relays.out())
          .startsWith("{\"relays\":[")
          .contains("\"relayId\":\"relay-1\"")
          .contains("\"source\":\"discovered\"");

      CliRun asci = CliRun.run("collect-and-send", "--state-dir", stateDir);
      assertThat(asci.exitCode()).as(asci.err()).isZero();
      assertThat(asci.out()).contains("ok");
      assertThat(agent.status().lastAsci()).isAfter(agent.firstAsci().get().lastAsci());
    }
  }

  @Test
  void discover_noRelayAnswers_exits1SayingWhereAndOnWhichPortItAsked() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      world.startServer();
      Path state = world.host("agent-1", world.policy().xml());
      world.start("agent-1").firstAsci().get(60, TimeUnit.SECONDS);

      CliRun discover = CliRun.run("discover", "--state-dir", state.toString());

      assertThat(discover.exitCode()).as(discover.err()).isEqualTo(1);
      assertThat(discover.out())
          .startsWith("No relay answered on UDP port " + world.discoveryPort())
          .contains("127.255.255.255");
      assertThat(discover.out().lines().filter(line -> line.contains("127.255.255.255")))
          .as("the loopback broadcast is named with its interface")
          .singleElement()
          .satisfies(line -> assertThat(line.strip()).doesNotStartWith("(any)"));

      CliRun asJson = CliRun.run("discover", "--state-dir", state.toString(), "--json");
      assertThat(asJson.exitCode()).isEqualTo(1);
      assertThat(asJson.out())
          .startsWith("{\"relays\":[]")
          .contains("\"port\":" + world.discoveryPort())
          .contains("\"address\":\"127.255.255.255\"");
      assertThat(asJson.err()).contains("No relay answered");
    }
  }

  @Test
  void status_withNoAgentRunning_exits4WithAClearMessage() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-agent"));

    CliRun status = CliRun.run("status", "--state-dir", empty.toString());

    assertThat(status.exitCode()).isEqualTo(4);
    assertThat(status.out()).isEmpty();
    assertThat(status.err()).contains("the agent is not running").contains("relay-agent run");
  }
}
