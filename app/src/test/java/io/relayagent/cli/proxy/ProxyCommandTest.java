package io.relayagent.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.agent.proxy.LocalProxyFile;
import io.relayagent.cli.CliRun;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.control.ControlProxy;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.protocol.json.ProtocolJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-agent proxy show / set / clear}: their output and exit codes ({@code
 * io.relayagent.agent.LocalProxyTest} has the refusal by policy, exit 1, and what the agent's
 * connections do).
 */
class ProxyCommandTest {

  @TempDir Path dir;

  @Test
  void showSetClear_againstAnAgentWhosePolicyAllowsIt_printTheProxyAndItsSource() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      world.startServer();
      Path state = world.host("agent-1", world.policy().allowUserOverride().xml());
      world.start("agent-1").firstAsci().get(60, TimeUnit.SECONDS);
      String stateDir = state.toString();

      CliRun before = CliRun.run("proxy", "show", "--state-dir", stateDir);
      CliRun set =
          CliRun.run(
              "proxy",
              "set",
              "--state-dir",
              stateDir,
              "--mode",
              "manual",
              "--host",
              "Proxy.Corp.Example",
              "--port",
              "3128",
              "--bypass",
              "*.corp.example,10.0.0.0/8");
      CliRun shown = CliRun.run("proxy", "show", "--state-dir", stateDir, "--json");
      CliRun clear = CliRun.run("proxy", "clear", "--state-dir", stateDir);

      assertThat(before.exitCode()).as(before.err()).isZero();
      assertThat(before.out())
          .startsWith("FIELD")
          .containsPattern("source +policy")
          .containsPattern("effective.mode +none")
          .containsPattern("overrideAllowed +true")
          .containsPattern("local +none");
      assertThat(set.exitCode()).as(set.err()).isZero();
      assertThat(set.out())
          .containsPattern("source +local")
          .containsPattern("effective.host +proxy.corp.example")
          .containsPattern("effective.bypass +\\*.corp.example, 10.0.0.0/8")
          .containsPattern("local +applied");
      assertThat(shown.exitCode()).as(shown.err()).isZero();
      ControlProxy json = ProtocolJson.read(shown.out().strip(), 64 * 1024, ControlProxy.class);
      ControlProxySetting kept =
          new ControlProxySetting(
              "manual", "proxy.corp.example", 3128, List.of("*.corp.example", "10.0.0.0/8"));
      assertThat(json).isEqualTo(new ControlProxy("local", kept, true, "applied", kept));
      assertThat(clear.exitCode()).as(clear.err()).isZero();
      assertThat(clear.out()).containsPattern("source +policy").containsPattern("local +none");
      assertThat(state.resolve(LocalProxyFile.NAME)).doesNotExist();
    }
  }

  @Test
  void set_invalidValue_exits2BeforeAskingTheAgent() throws Exception {
    Path noAgent = Files.createDirectories(dir.resolve("no-agent"));

    CliRun noPort =
        CliRun.run(
            "proxy", "set", "--state-dir", noAgent.toString(), "--mode", "manual", "--host", "p");
    CliRun badMode =
        CliRun.run("proxy", "set", "--state-dir", noAgent.toString(), "--mode", "auto");
    CliRun badBypass =
        CliRun.run(
            "proxy", "set", "--state-dir", noAgent.toString(), "--mode", "none", "--bypass", "*");

    assertThat(noPort.exitCode()).isEqualTo(2);
    assertThat(noPort.err())
        .isEqualTo("relay-agent: proxy set: mode=\"manual\" needs both host and port\n");
    assertThat(badMode.exitCode()).isEqualTo(2);
    assertThat(badMode.err()).contains("'auto' is not a proxy mode (none, system, manual)");
    assertThat(badBypass.exitCode()).isEqualTo(2);
    assertThat(badBypass.err()).contains("'*' would bypass the proxy for everything");
  }

  @Test
  void everyProxyCommand_withNoAgentRunning_exits4() throws Exception {
    String noAgent = Files.createDirectories(dir.resolve("no-agent")).toString();

    for (CliRun run :
        List.of(
            CliRun.run("proxy", "show", "--state-dir", noAgent),
            CliRun.run("proxy", "clear", "--state-dir", noAgent),
            CliRun.run("proxy", "set", "--state-dir", noAgent, "--mode", "none"))) {
      assertThat(run.exitCode()).isEqualTo(4);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).contains("the agent is not running");
    }
  }

  @Test
  void proxy_withoutASubcommand_isBadUsage() {
    CliRun run = CliRun.run("proxy");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("show", "set", "clear");
  }
}
