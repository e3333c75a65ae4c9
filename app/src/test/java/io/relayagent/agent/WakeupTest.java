package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.control.ControlWakeup;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.SignedWakeup;
import io.relayagent.protocol.wakeup.Wakeup;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.protocol.wakeup.WakeupReport;
import io.relayagent.protocol.wakeup.WakeupRequest;
import io.relayagent.protocol.wakeup.WakeupResult;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.server.admin.WakeupConfirmation;
import io.relayagent.server.wakeup.WaitingAgents;
import io.relayagent.server.wakeup.WakeupSigner;
import io.relayagent.trust.OfferSigner;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wake-ups with real sockets, TLS and discovery on loopback: the reference server, relays and
 * agents in this JVM. That an agent ran an ASCI is read from the server's records (its {@code
 * lastSeen} moves past the wake-up's time), as an administrator sees it.
 */
class WakeupTest {
  private static final Duration WITHIN = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void wakeup_directAgent_runsAnAsciWithin5Seconds() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      world.startServer();
      world.host("agent-1", world.policy().xml());
      Agent agent = world.start("agent-1");
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).mode()).isEqualTo("direct");

      assertWokenWithin5Seconds(world, "agent-1");
    }
  }

  @Test
  void wakeup_agentBehindADiscoveredRelay_runsAnAsciWithin5Seconds() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1", "agent-1"))) {
      Agent agent = agentBehindRelay(world);
      Instant before = Instant.now();

      assertWokenWithin5Seconds(world, "agent-1");
      assertThat(agent.status().route())
          .as("the ASCI went through the relay")
          .isEqualTo("relay relay-1");
      ControlWakeup shown = agent.wakeupStatus();
      assertThat(shown.route()).as("what status shows").isEqualTo("relay relay-1");
      assertThat(Instant.parse(shown.lastWakeup())).isAfter(before);
      assertThat(Instant.parse(shown.since()))
          .as("the connection that carried it was open before")
          .isBefore(Instant.parse(shown.lastWakeup()));
      assertThat(shown.lastIgnored()).isNull();
    }
  }

  @Test
  void wakeup_agentOnAnEdgeRelay_runsAnAsciWithin5Seconds() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-edge", "agent-1"))) {
      world.startServer();
      world.host("relay-edge", world.policy().relay().xml());
      int port = DemoWorld.tunnelPort(world.start("relay-edge"));
      world.host("agent-1", world.policy().deadProxy().staticRelay(port).xml());
      Agent agent = world.start("agent-1");
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).route())
          .isEqualTo("relay 127.0.0.1:" + port);

      assertWokenWithin5Seconds(world, "agent-1");
    }
  }

  @Test
  void wakeup_replayedOrNotSignedByTheServer_doesNothing() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1", "agent-1"))) {
      Agent agent = agentBehindRelay(world);
      WaitingAgents waiting = world.server().waitingAgents();
      awaitPolling(waiting, "agent-1");
      // A genuine wake-up, captured: sent once it makes one ASCI.
      byte[] genuine = ProtocolJson.write(serverSigner(world).sign(List.of("agent-1")));
      Instant first = Instant.now();
      assertThat(waiting.wake("agent-1", genuine)).isEqualTo(WakeupOutcome.DELIVERED);
      await().atMost(WITHIN).until(() -> lastSeen(world, "agent-1").isAfter(first));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> agent.status().lastAsci().isAfter(first) && waiting.polling("agent-1"));
      Instant before = lastSeen(world, "agent-1");

      // The same wake-up again, then one signed by a relay of the organisation (not the server).
      assertThat(waiting.wake("agent-1", genuine)).isEqualTo(WakeupOutcome.DELIVERED);
      awaitPolling(waiting, "agent-1"); // it polls again only after it has checked the answer
      assertThat(
              waiting.wake("agent-1", ProtocolJson.write(relaySigned(world, "relay-1", "agent-1"))))
          .isEqualTo(WakeupOutcome.DELIVERED);
      awaitPolling(waiting, "agent-1");
      Thread.sleep(WITHIN.toMillis() / 2);

      assertThat(lastSeen(world, "agent-1")).as("no ASCI since").isEqualTo(before);
      assertThat(agent.wakeupStatus().lastIgnored())
          .as("status names the last one refused")
          .endsWith(": not signed by a management server of this organisation");
    }
  }

  @Test
  void wakeupCommand_unknownAndStoppedAgents_areReportedAndExit1() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1", "agent-2"))) {
      world.startServer();
      world.host("agent-1", world.policy().xml());
      world.host("agent-2", world.policy().xml());
      world.start("agent-1").firstAsci().get(60, TimeUnit.SECONDS);
      Agent gone = world.start("agent-2");
      gone.firstAsci().get(60, TimeUnit.SECONDS);
      awaitPolling(world.server().waitingAgents(), "agent-1");
      awaitPolling(world.server().waitingAgents(), "agent-2");
      world.stop(gone);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !world.server().waitingAgents().holds("agent-2"));

      CliRun table = wakeup(world, "agent-1", "agent-2", "nobody");
      awaitPolling(world.server().waitingAgents(), "agent-1");
      CliRun json = wakeup(world, "--all", "--json");

      assertThat(table.exitCode()).as(table.err()).isEqualTo(ExitCodes.CHECK_FAILED);
      assertThat(table.out())
          .containsPattern("agent-1 +delivered +after [0-9]+ ms")
          .containsPattern("agent-2 +unreachable: no wake-up connection")
          .containsPattern("nobody +unknown");
      assertThat(json.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
      assertThat(json.out())
          .contains("{\"agentId\":\"agent-1\",\"outcome\":\"delivered\",\"asci\":\"")
          .contains("{\"agentId\":\"agent-2\",\"outcome\":\"unreachable\",\"asci\":null}")
          .doesNotContain("nobody");
    }
  }

  /**
   * Starts the server, relay-1 and agent-1, whose direct path is blocked: it discovers relay-1 and
   * runs its first ASCI through it.
   */
  private static Agent agentBehindRelay(DemoWorld world) throws Exception {
    world.startServer();
    world.host("relay-1", world.policy().relay().xml());
    world.start("relay-1").firstAsci().get(60, TimeUnit.SECONDS);
    world.host("agent-1", world.policy().deadProxy().xml());
    Agent agent = world.start("agent-1");
    assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).route()).isEqualTo("relay relay-1");
    return agent;
  }

  /** Wakes {@code agentId} by the admin API and reads the ASCI it caused from the server. */
  private static void assertWokenWithin5Seconds(DemoWorld world, String agentId) throws Exception {
    awaitPolling(world.server().waitingAgents(), agentId);
    AdminClient admin = world.adminClient();

    WakeupReport report = admin.wake(new WakeupRequest(List.of(agentId), false));
    Map<String, Instant> called = WakeupConfirmation.await(admin, report, WITHIN);

    assertThat(report.results())
        .extracting(WakeupResult::outcome)
        .containsExactly(WakeupOutcome.DELIVERED);
    assertThat(called).as("an ASCI within %s", WITHIN).containsKey(agentId);
    assertThat(Duration.between(Instant.parse(report.sent()), called.get(agentId)))
        .isLessThan(WITHIN);
  }

  private static void awaitPolling(WaitingAgents waiting, String agentId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> waiting.polling(agentId));
  }

  private static Instant lastSeen(DemoWorld world, String agentId) throws Exception {
    return world.adminClient().agents().stream()
        .filter(agent -> agent.agentId().equals(agentId))
        .map(AgentSummary::lastSeen)
        .map(Instant::parse)
        .findFirst()
        .orElseThrow();
  }

  private static WakeupSigner serverSigner(DemoWorld world) throws Exception {
    Path ca = world.caDirectory();
    TrustMaterial server =
        TrustMaterial.load(
            TrustFiles.trusting(ca.resolve("ca.pem"))
                .withIdentity(ca.resolve("server.pem"), ca.resolve("server-key.pem")));
    return new WakeupSigner(server, Duration.ofMinutes(5), Clock.systemUTC());
  }

  private static SignedWakeup relaySigned(DemoWorld world, String relay, String agentId)
      throws Exception {
    Path ca = world.caDirectory();
    TrustMaterial material =
        TrustMaterial.load(
            TrustFiles.trusting(ca.resolve("ca.pem"))
                .withIdentity(ca.resolve(relay + ".pem"), ca.resolve(relay + "-key.pem")));
    byte[] bytes =
        ProtocolJson.write(
            new Wakeup(
                List.of(agentId),
                UUID.randomUUID().toString(),
                Instant.now().plusSeconds(300).toString()));
    List<byte[]> chain = new ArrayList<>();
    for (X509Certificate certificate : material.identity().orElseThrow().chain()) {
      chain.add(certificate.getEncoded());
    }
    return SignedWakeup.of(bytes, OfferSigner.of(material).sign(bytes), chain);
  }

  private static CliRun wakeup(DemoWorld world, String... args) throws Exception {
    Path token = world.root().resolve("admin-token");
    Files.writeString(token, world.server().adminToken());
    List<String> all = new ArrayList<>(List.of("server", "wakeup"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--server",
            "https://localhost:" + world.server().port(),
            "--token-file",
            token.toString(),
            "--ca",
            world.caDirectory().resolve("ca.pem").toString()));
    return CliRun.run(all.toArray(String[]::new));
  }
}
