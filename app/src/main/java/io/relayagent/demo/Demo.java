package io.relayagent.demo;

import io.relayagent.agent.Agent;
import io.relayagent.agent.AgentStatus;
import io.relayagent.config.PolicyReader;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.server.ReferenceServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code relay-agent demo}: the whole system on one machine. A reference server, three relays and
 * an agent whose direct path is blocked (its proxy is down); the agent discovers the relays,
 * tunnels through the first that answers, fetches its policy, delivers events and downloads content
 * through the relay's cache; then that relay stops and the agent fails over to the next. Everything
 * runs on loopback and in one temporary directory.
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(dir, out)) { DemoReport report = demo.run(); }
 * }</pre>
 */
public final class Demo implements AutoCloseable {

  static final List<String> RELAYS = List.of("relay-1", "relay-2", "relay-3");
  static final String AGENT = "agent-1";

  private final DemoWorld world;
  private final DemoNarrator narrator;
  private final Map<String, Agent> relays = new LinkedHashMap<>();
  private final List<String> agentLines = Collections.synchronizedList(new ArrayList<>());

  private Demo(DemoWorld world, DemoNarrator narrator) {
    this.world = world;
    this.narrator = narrator;
  }

  /** Makes the CA, the certificates and the server, and starts the server. */
  public static Demo start(Path directory, PrintWriter out) throws Exception {
    DemoNarrator narrator = new DemoNarrator(out);
    narrator.step(
        "Creating an organisation CA and certificates for a server, 3 relays and an agent in "
            + directory);
    List<String> hosts = new ArrayList<>(RELAYS);
    hosts.add(AGENT);
    DemoWorld world = DemoWorld.create(directory, hosts);
    try {
      world.addContent("signatures-v1.dat", 256 * 1024);
      ReferenceServer server = world.startServer();
      narrator.step("Management server listening on https://localhost:" + server.port());
      return new Demo(world, narrator);
    } catch (Exception e) {
      world.close();
      throw e;
    }
  }

  /** Runs the story and reports what happened. */
  public DemoReport run() throws Exception {
    for (String name : RELAYS) {
      world.host(name, world.policy().relay().xml());
      Agent relay = world.start(name);
      relays.put(name, relay);
      narrator.step(
          "Relay "
              + name
              + " started: tunnel on port "
              + DemoWorld.tunnelPort(relay)
              + ", discovery on UDP "
              + world.discoveryPort());
    }
    for (Agent relay : relays.values()) {
      relay.firstAsci().get(60, TimeUnit.SECONDS); // each relay reaches the server directly first
      // Only a relay whose upstream probe reached the server answers discovery.
      waitUntil(() -> relay.status().relay().upstreamReachable(), Duration.ofSeconds(30));
    }

    Path agentState = world.host(AGENT, world.policy().deadProxy().xml());
    narrator.step(
        "Agent "
            + AGENT
            + " starting; its proxy is down, so its direct path to the server is"
            + " blocked");
    DemoEvents.enqueueSamples(agentState);
    Agent agent =
        world.start(
            AGENT,
            line -> {
              agentLines.add(line);
              narrator.agent(line);
            });
    AgentStatus first = agent.firstAsci().get(120, TimeUnit.SECONDS);
    // The agent tunnelled through the first offer at once; the round records the rest when its
    // collect window ends.
    waitUntil(() -> agent.relays().size() >= relays.size(), Duration.ofSeconds(5));
    List<String> offers = agent.relays().stream().map(KnownRelay::relayId).toList();
    narrator.step(
        "First ASCI: "
            + first.lastOutcome()
            + " via "
            + first.route()
            + "; relays cached in order: "
            + offers);
    String firstRelay = first.route().startsWith("relay ") ? first.route().substring(6) : null;

    narrator.step(
        "Stopping " + firstRelay + " and publishing new content; the agent must fail over");
    if (firstRelay != null && relays.containsKey(firstRelay)) {
      world.stop(relays.remove(firstRelay));
    }
    world.addContent("signatures-v2.dat", 128 * 1024);
    AgentStatus second = agent.triggerAsci().get(120, TimeUnit.SECONDS);
    String failoverRelay = second.route().startsWith("relay ") ? second.route().substring(6) : null;
    narrator.step("Second ASCI: " + second.lastOutcome() + " via " + second.route());

    DemoReport report =
        new DemoReport(
            agentLines.stream().anyMatch(line -> line.contains("proxy 127.0.0.1")),
            offers,
            first.route(),
            firstRelay,
            // The server sends its policies with every value written out: compare meanings.
            PolicyReader.read(agentState.resolve("policy.xml"))
                .equals(
                    PolicyReader.read(world.serverDir.resolve("policies").resolve(AGENT + ".xml"))),
            DemoServerQueries.eventsStored(world, AGENT),
            installedContent(agentState),
            failoverRelay,
            second.lastOutcome());
    narrator.summary(report);
    return report;
  }

  /**
   * Waits until {@code condition} holds or {@code limit} has passed; the story goes on either way
   * and its report shows what was reached.
   */
  private static void waitUntil(BooleanSupplier condition, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** The demo's world: its server, for tests that look at it while the demo runs. */
  DemoWorld world() {
    return world;
  }

  /** The state directory of the demo agent, for {@code relay-agent status --state-dir}. */
  public Path agentStateDirectory() {
    return world.root.resolve(AGENT);
  }

  private static List<String> installedContent(Path agentState) throws IOException {
    try (Stream<Path> files = Files.list(agentState.resolve("content"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** Stops the agent, the relays and the server. */
  @Override
  public void close() {
    world.close();
  }

  /** How long {@code --keep-running} waits between checks that nobody asked it to stop. */
  static final Duration KEEP_RUNNING_POLL = Duration.ofSeconds(1);
}
