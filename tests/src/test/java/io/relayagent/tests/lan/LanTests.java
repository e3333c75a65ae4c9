package io.relayagent.tests.lan;

import static org.awaitility.Awaitility.await;

import io.relayagent.demo.PolicyText;
import io.relayagent.tests.cli.ServerAdmin;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.lan.NamespaceLan.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** What every namespace system test checks before it starts. */
final class LanTests {
  private LanTests() {}

  /**
   * The policy of an agent on a LAN segment: discovery on its {@code eth0} only (never the other
   * namespaces' links), offers collected for 300 ms.
   */
  static PolicyText lanAgentPolicy(int discoveryPort) {
    return PolicyText.agent()
        .discoveryPort(discoveryPort)
        .discoveryInterfaces("eth0")
        .collectWindowMillis(300);
  }

  /**
   * Starts the reference server of {@code serverDir} on {@code host} ({@code relay-agent server},
   * its output in {@code logDir/server.log}) and waits until its admin API answers.
   */
  static ServerAdmin startServer(
      NamespaceLan lan, Host host, Path serverDir, String address, int port, Path logDir) {
    lan.start(
        host,
        JavaHosts.relayAgent(HostFiles.serverArguments(serverDir, address, port)),
        logDir.resolve("server.log"));
    ServerAdmin server = new ServerAdmin(host, "https://" + address + ":" + port, serverDir);
    await("the server answers")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> server.agents() != null);
    return server;
  }

  /**
   * Aborts the test, printing {@code SKIPPED: reason}, where network namespaces cannot be made (not
   * root, no iproute2); fails at once, saying how to build it, if the shipped jar is missing.
   */
  static void requireNamespacesAndTheJar() {
    Optional<String> unavailable = NamespaceLan.unavailableReason();
    if (unavailable.isPresent()) {
      System.out.println("SKIPPED: " + unavailable.get());
      Assumptions.abort(unavailable.get());
    }
    JavaHosts.relayAgentJar();
  }
}
