package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.agent.proxy.LocalProxyFile;
import io.relayagent.cli.CliRun;
import io.relayagent.demo.DemoWorld;
import io.relayagent.testkit.ConnectProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local administrator's proxy setting over real sockets: set with {@code relay-agent proxy
 * set}, the agent's next ASCI goes through that proxy while its policy allows it
 * (allowUserOverride), after a restart too; once the server's policy forbids it, the next ASCI
 * ignores the setting without a restart, and a setting the policy forbids is never used.
 */
class LocalProxyTest {

  @TempDir Path dir;

  @Test
  void asci_localSettingThePolicyAllows_goesThroughIt_untilThePolicyForbidsIt() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"));
        ConnectProxy proxy = ConnectProxy.start(ConnectProxy.Mode.TUNNELS)) {
      world.startServer();
      // The policy's own proxy is down: only the local setting reaches the server.
      String allows = world.policy().deadProxy().allowUserOverride().xml();
      Path state = world.host("agent-1", allows);
      Agent agent = world.start("agent-1");
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).lastOutcome()).startsWith("failed");
      String stateDir = state.toString();

      CliRun set = setManualProxy(state, proxy.port());
      assertThat(set.exitCode()).as(set.err()).isZero();

      CliRun asci = CliRun.run("collect-and-send", "--state-dir", stateDir, "--json");
      assertThat(asci.exitCode()).as(asci.out() + asci.err()).isZero();
      assertThat(asci.out())
          .contains("\"mode\":\"proxy\"")
          .contains("\"route\":\"proxy 127.0.0.1:" + proxy.port() + "\"")
          .contains("\"source\":\"local\"");
      // The ASCI's connection, and the wake-up connection the agent holds by the same route
      // (docs/wakeup.md), may both have come through the proxy by now.
      assertThat(proxy.heads())
          .isNotEmpty()
          .allSatisfy(
              head ->
                  assertThat(head)
                      .startsWith("CONNECT localhost:" + world.server().port() + " HTTP/1.1"));

      // Kept in the state directory: a restarted agent uses it at its first ASCI.
      world.stop(agent);
      int beforeRestart = proxy.heads().size();
      List<String> progress = new CopyOnWriteArrayList<>();
      agent = world.start("agent-1", progress::add);
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).route())
          .isEqualTo("proxy 127.0.0.1:" + proxy.port());
      assertThat(proxy.heads()).hasSizeGreaterThan(beforeRestart);
      assertThat(progress)
          .as("the ASCI's line names the local setting")
          .contains(
              "connected to localhost:"
                  + world.server().port()
                  + " (proxy 127.0.0.1:"
                  + proxy.port()
                  + ", by the local proxy setting)");

      // The server now forbids local settings: this ASCI still follows the policy in force when
      // it started, and brings the new one; the next follows the new rule.
      world.assignPolicy("agent-1", world.policy().deadProxy().xml());
      int beforeLastAllowed = proxy.heads().size();
      assertThat(agent.triggerAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
      assertThat(proxy.heads()).hasSizeGreaterThan(beforeLastAllowed);
      int beforeForbidden = proxy.heads().size();
      AgentStatus forbidden = agent.triggerAsci().get(60, TimeUnit.SECONDS);

      assertThat(forbidden.route()).isEqualTo("-");
      assertThat(forbidden.lastOutcome()).startsWith("failed");
      assertThat(proxy.heads()).as("the local proxy is not used any more").hasSize(beforeForbidden);
      assertThat(state.resolve(LocalProxyFile.NAME)).as("kept, not applied").exists();
      CliRun status = CliRun.run("status", "--state-dir", stateDir);
      assertThat(status.out())
          .containsPattern("proxy.source +policy")
          .containsPattern("proxy.local +present, not applied: the policy does not allow it");
    }
  }

  @Test
  void asci_localSettingThePolicyForbids_isNeverUsed() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"));
        ConnectProxy proxy = ConnectProxy.start(ConnectProxy.Mode.TUNNELS)) {
      world.startServer();
      Path state = world.host("agent-1", world.policy().xml()); // direct, no override allowed
      // A setting kept from a time a policy allowed it.
      Files.writeString(
          state.resolve(LocalProxyFile.NAME),
          "{\"mode\":\"manual\",\"host\":\"127.0.0.1\",\"port\":" + proxy.port() + "}");
      Agent agent = world.start("agent-1");

      AgentStatus first = agent.firstAsci().get(60, TimeUnit.SECONDS);
      CliRun set = setManualProxy(state, proxy.port());
      AgentStatus after = agent.triggerAsci().get(60, TimeUnit.SECONDS);
      CliRun status = CliRun.run("status", "--state-dir", state.toString());

      assertThat(first.route()).isEqualTo("direct");
      assertThat(set.exitCode()).isEqualTo(1);
      assertThat(set.out()).isEmpty();
      assertThat(set.err())
          .startsWith("relay-agent: proxy set refused: ")
          .contains("allowUserOverride=\"false\"");
      assertThat(after.route()).isEqualTo("direct");
      assertThat(proxy.heads()).isEmpty();
      assertThat(status.out())
          .containsPattern("proxy.source +policy")
          .containsPattern("proxy.overrideAllowed +false")
          .containsPattern(
              "proxy.local +present, not applied: the policy does not allow it"
                  + " \\(allowUserOverride=\"false\"\\)");
    }
  }

  /** {@code relay-agent proxy set} of a manual proxy on loopback, as a local administrator. */
  private static CliRun setManualProxy(Path state, int port) {
    return CliRun.run(
        "proxy",
        "set",
        "--state-dir",
        state.toString(),
        "--mode",
        "manual",
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(port));
  }
}
