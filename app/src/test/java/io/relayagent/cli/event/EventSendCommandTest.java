package io.relayagent.cli.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.agent.Agent;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.cli.CliRun;
import io.relayagent.cli.RelayAgentCli;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.agent.SampleData;
import io.relayagent.protocol.control.ControlEventQueued;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.events.StoredEvent;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-agent event send} against a running agent and the reference server: what exit 0
 * queued reaches the server's event store once, and nothing past a limit is queued.
 */
class EventSendCommandTest {

  @TempDir Path dir;

  @Test
  void send_eventAndOneMebibyteSample_reachTheServerAtTheNextAsci() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      Running running = startAgent(world);
      Path state = running.state();
      Agent agent = running.agent();
      byte[] content = new byte[DurableEventQueue.MAX_SAMPLE_BYTES];
      new Random(15).nextBytes(content);
      Path sample = Files.write(dir.resolve("sample.bin"), content);

      CliRun detection =
          CliRun.run(
              "event",
              "send",
              "--state-dir",
              state.toString(),
              "--type",
              "detection",
              "--priority",
              "high",
              "--json",
              "{\"threat\":\"EICAR\",\"file\":\"/tmp/x\"}");
      CliRun sampleRun =
          CliRun.run(
              "event",
              "send",
              "--state-dir",
              state.toString(),
              "--file",
              sample.toString(),
              "--priority",
              "low",
              "--json");

      assertThat(detection.exitCode()).as(detection.err()).isZero();
      assertThat(sampleRun.exitCode()).as(sampleRun.err()).isZero();
      String detectionId = queued(detection).id();
      String sampleId = queued(sampleRun).id();
      assertThat(CliRun.run("collect-and-send", "--state-dir", state.toString()).exitCode())
          .isZero();
      List<StoredEvent> stored = storedEvents(world);
      assertThat(stored)
          .filteredOn(e -> e.id().equals(detectionId))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo("detection");
                assertThat(e.priority()).isEqualTo("high");
                assertThat(e.data().json()).isEqualTo("{\"threat\":\"EICAR\",\"file\":\"/tmp/x\"}");
              });
      StoredEvent storedSample =
          stored.stream().filter(e -> e.id().equals(sampleId)).findFirst().orElseThrow();
      SampleData data = ProtocolJson.read(storedSample.data().json(), 4 << 20, SampleData.class);
      assertThat(data.size()).isEqualTo(content.length);
      assertThat(data.sha256())
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
      assertThat(agent.status().queueDepth()).isZero();
    }
  }

  @Test
  void send_pastTheLimits_exits2NamingTheLimitAndQueuesNothing() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      Running running = startAgent(world);
      Path state = running.state();
      Agent agent = running.agent();
      long depth = agent.status().queueDepth();
      Path sample =
          Files.write(dir.resolve("big.bin"), new byte[DurableEventQueue.MAX_SAMPLE_BYTES + 1]);
      String bigJson = "\"" + "a".repeat(DurableEventQueue.MAX_DATA_BYTES) + "\"";

      CliRun bigSample =
          CliRun.run("event", "send", "--state-dir", state.toString(), "--file", sample.toString());
      CliRun bigEvent =
          withInput(
              bigJson,
              () ->
                  CliRun.run(
                      "event", "send", "--state-dir", state.toString(), "--type", "status", "-"));
      CliRun notJson =
          CliRun.run("event", "send", "--state-dir", state.toString(), "--type", "status", "{oops");

      assertThat(bigSample.exitCode()).isEqualTo(2);
      assertThat(bigSample.err()).contains("sample limit of 1048576 bytes", "nothing queued");
      assertThat(bigEvent.exitCode()).isEqualTo(2);
      assertThat(bigEvent.err()).contains("event limit of 2097152 bytes", "nothing queued");
      assertThat(notJson.exitCode()).isEqualTo(2);
      assertThat(notJson.err()).contains("not one JSON value");
      assertThat(agent.status().queueDepth()).isEqualTo(depth);
    }
  }

  @Test
  void send_fromStandardInputThenAgentRestarts_eventReachesTheServerOnce() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      Running running = startAgent(world);
      Path state = running.state();
      Agent first = running.agent();

      CliRun sent =
          withInput(
              "{\"state\":\"scan finished\"}\n",
              () ->
                  CliRun.run(
                      "event",
                      "send",
                      "--state-dir",
                      state.toString(),
                      "--type",
                      "status",
                      "--json",
                      "-"));
      assertThat(sent.exitCode()).as(sent.err()).isZero();
      world.stop(first);
      Agent second = world.start("agent-1");
      second.firstAsci().get(60, TimeUnit.SECONDS);
      CliRun.run("collect-and-send", "--state-dir", state.toString());

      String id = queued(sent).id();
      assertThat(storedEvents(world)).filteredOn(e -> e.id().equals(id)).hasSize(1);
    }
  }

  @Test
  void send_agentKilledRightAfterExit0_eventReachesTheServerOnce() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      world.startServer();
      Path state = world.host("agent-1", world.policy().xml());
      Process process = runAgentProcess(state);
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    CliRun.run("status", "--state-dir", state.toString(), "--json")
                        .out()
                        .contains("\"lastOutcome\":\"ok\""));

        CliRun sent =
            CliRun.run(
                "event",
                "send",
                "--state-dir",
                state.toString(),
                "--type",
                "detection",
                "--json",
                "{\"threat\":\"killed\"}");
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        String id = queued(sent).id();
        world.start("agent-1").firstAsci().get(60, TimeUnit.SECONDS);
        CliRun.run("collect-and-send", "--state-dir", state.toString());
        assertThat(storedEvents(world)).filteredOn(e -> e.id().equals(id)).hasSize(1);
      } finally {
        process.destroyForcibly();
      }
    }
  }

  /** {@code relay-agent run} in a JVM of its own, which the test can kill. */
  private Process runAgentProcess(Path state) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            RelayAgentCli.class.getName(),
            "run",
            "--policy",
            state.resolve("policy.xml").toString(),
            "--sitelist",
            state.resolve("SiteList.xml").toString(),
            "--state-dir",
            state.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("agent-process.log").toFile())
        .start();
  }

  @Test
  void send_withNoAgentRunning_exits4() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-agent"));

    CliRun run =
        CliRun.run("event", "send", "--state-dir", empty.toString(), "--type", "status", "{}");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("the agent is not running");
  }

  @Test
  void send_fileWithAnotherType_exits2() throws Exception {
    Path sample = Files.write(dir.resolve("s.bin"), new byte[] {1, 2, 3});

    CliRun run =
        CliRun.run(
            "event",
            "send",
            "--state-dir",
            dir.toString(),
            "--type",
            "detection",
            "--file",
            sample.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--file sends a sample event");
  }

  /** The agent and its state directory. */
  private record Running(Agent agent, Path state) {}

  /** The server and agent-1, once agent-1 has made its first ASCI. */
  private static Running startAgent(DemoWorld world) throws Exception {
    world.startServer();
    Path state = world.host("agent-1", world.policy().xml());
    Agent agent = world.start("agent-1");
    agent.firstAsci().get(60, TimeUnit.SECONDS);
    return new Running(agent, state);
  }

  private static ControlEventQueued queued(CliRun run) throws Exception {
    return ProtocolJson.read(run.out().trim(), 4096, ControlEventQueued.class);
  }

  /** agent-1's events as the server stored them, read from its database beside it. */
  private static List<StoredEvent> storedEvents(DemoWorld world) throws Exception {
    Path server = world.root().resolve("server");
    try (Stores stores =
        Stores.open(DatabaseSettings.sqliteIn(server), new ServerDirectory(server))) {
      return stores.events().recent("agent-1", 100_000);
    }
  }

  private static CliRun withInput(String input, java.util.function.Supplier<CliRun> run) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(original);
    }
  }
}
