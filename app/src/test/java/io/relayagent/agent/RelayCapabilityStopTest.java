package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.cli.CliRun;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.admin.AgentSummary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-agent relay-capability stop|start}: a local administrator stops one host's relay
 * while troubleshooting; it stays stopped across ASCIs (the policy still enables it), {@code
 * status} says why, the server's records show it, and {@code start} brings it back.
 */
class RelayCapabilityStopTest {

  @TempDir Path dir;

  @Test
  void relayCapabilityStop_holdsAcrossAscis_showsInStatusAndOnTheServer_untilStart()
      throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1"))) {
      world.startServer();
      Path state = world.host("relay-1", world.policy().relay().xml());
      Agent relay = world.start("relay-1");
      relay.firstAsci().get(60, TimeUnit.SECONDS);
      int tunnelPort = DemoWorld.tunnelPort(relay);
      String stateDir = state.toString();

      CliRun stop = CliRun.run("relay-capability", "stop", "--state-dir", stateDir);

      assertThat(stop.exitCode()).as(stop.err()).isZero();
      assertThat(stop.out())
          .contains("stopped locally by an administrator at ")
          .contains("relay-capability start");
      assertThatThrownBy(() -> connect(tunnelPort))
          .as("the tunnel listener is closed")
          .isInstanceOf(IOException.class);

      // An ASCI fetches the policy, which still enables relay capability: the stop holds.
      assertThat(relay.triggerAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
      assertThat(relay.status().relay().running()).isFalse();
      CliRun status = CliRun.run("status", "--state-dir", stateDir, "--json");
      assertThat(status.out())
          .contains("\"running\":false")
          .contains("\"stoppedLocally\":\"stopped locally by an administrator at ");
      assertThat(record(world).relayCapabilityStoppedLocally())
          .as("the server's record of the relay")
          .isNotNull();

      CliRun start = CliRun.run("relay-capability", "start", "--state-dir", stateDir);

      assertThat(start.exitCode()).as(start.err()).isZero();
      assertThat(start.out()).contains("Relay capability: running");
      assertThat(relay.status().relay().running()).isTrue();
      assertThat(relay.status().relay().stoppedLocally()).isNull();
      relay.triggerAsci().get(60, TimeUnit.SECONDS);
      assertThat(record(world).relayCapabilityStoppedLocally()).isNull();
    }
  }

  @Test
  void relayCapabilityStop_withNoAgentRunning_exits4() throws Exception {
    CliRun stop = CliRun.run("relay-capability", "stop", "--state-dir", dir.toString());

    assertThat(stop.exitCode()).isEqualTo(4);
    assertThat(stop.err()).contains("the agent is not running");
  }

  private static AgentSummary record(DemoWorld world) throws Exception {
    return world.adminClient().agents().stream()
        .filter(agent -> agent.agentId().equals("relay-1"))
        .findFirst()
        .orElseThrow();
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(0);
    }
  }
}
