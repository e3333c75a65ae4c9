package io.relayagent.demo;

import io.relayagent.agent.Agent;
import io.relayagent.agent.AgentStatus;
import io.relayagent.config.PolicyReader;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  private final DemoWorld world;
  private final DemoNarrator narrator;
  private final ReferenceServer server;
  private final Map<String, Agent> relays = new LinkedHashMap<>();
  private final List<String> agentLines = Collections.synchronizedList(new ArrayList<>());
  private Agent agent;

  private Demo(DemoWorld world, DemoNarrator narrator, ReferenceServer server) {
    this.world = world;
    this.narrator = narrator;
    this.server = server;
  }

  /** Makes the CA, the certificates and the server, and starts the server. */
  public static Demo start(Path directory, PrintWriter out) throws Exception {
    DemoNarrator narrator = new DemoNarrator(out);
    narrator.step(
        "Creating an organisation CA and certificates for a server, 3 relays and an agent in "
            + directory);
    DemoWorld world = DemoWorld.create(directory);
    TrustMaterial serverTrust =
        TrustMaterial.load(
            TrustFiles.trusting(world.serverDir.resolve("ca.pem"))
                .withIdentity(
                    world.serverDir.resolve("server.pem"),
                    world.serverDir.resolve("server-key.pem")));
    ReferenceServer server =
        ReferenceServer.start(
            ServerSettings.of(world.serverDir, serverTrust)
                .withBindAddress(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), world.serverPort)));
    narrator.step("Management server listening on https://localhost:" + server.port());
    return new Demo(world, narrator, server);
  }

  /** Runs the story and reports what happened. */
  public DemoReport run() throws Exception {
    for (String name : DemoWorld.RELAYS) {
      int tunnelPort = DemoPorts.freeTcp();
      Path state = world.host(name, DemoPolicies.relay(world.discoveryPort, tunnelPort));
      relays.put(
          name,
          Agent.start(
              new Agent.Options(state.resolve("policy.xml"), state.resolve("SiteList.xml"), state),
              line -> {}));
      narrator.step(
          "Relay "
              + name
              + " started: tunnel on port "
              + tunnelPort
              + ", discovery on UDP "
              + world.discoveryPort);
    }
    for (Agent relay : relays.values()) {
      relay.firstAsci().get(60, TimeUnit.SECONDS); // each relay reaches the server directly first
      awaitServing(relay);
    }

    Path agentState =
        world.host(DemoWorld.AGENT, DemoPolicies.agent(world.discoveryPort, DemoPorts.closedTcp()));
    narrator.step(
        "Agent "
            + DemoWorld.AGENT
            + " starting; its proxy is down, so its direct path to the server is blocked");
    Agent.Options options =
        new Agent.Options(
            agentState.resolve("policy.xml"), agentState.resolve("SiteList.xml"), agentState);
    DemoEvents.enqueueSamples(agentState);
    agent =
        Agent.start(
            options,
            line -> {
              agentLines.add(line);
              narrator.agent(line);
            });
    AgentStatus first = agent.firstAsci().get(120, TimeUnit.SECONDS);
    // The agent tunnelled through the first offer at once; the round records the rest when its
    // collect window ends.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (agent.relays().size() < relays.size() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
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
      relays.remove(firstRelay).close();
    }
    world.addContent("signatures-v2.dat", 128 * 1024);
    server.rescanRepository();
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
            PolicyReader.read(options.policyFile())
                .equals(
                    PolicyReader.read(
                        world.serverDir.resolve("policies").resolve(DemoWorld.AGENT + ".xml"))),
            DemoServerQueries.eventsStored(world, server, DemoWorld.AGENT),
            installedContent(agentState),
            failoverRelay,
            second.lastOutcome());
    narrator.summary(report);
    return report;
  }

  /**
   * Waits until a relay's upstream probe has reached the server: only then does it answer discovery
   * (a relay that would fail agents stays silent).
   */
  private static void awaitServing(Agent relay) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!relay.status().relay().upstreamReachable() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /** The state directory of the demo agent, for {@code relay-agent status --state-dir}. */
  public Path agentStateDirectory() {
    return world.root.resolve(DemoWorld.AGENT);
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

  @Override
  public void close() {
    if (agent != null) {
      agent.close();
    }
    relays.values().forEach(Agent::close);
    server.close();
  }

  /** How long {@code --keep-running} waits between checks that nobody asked it to stop. */
  static final Duration KEEP_RUNNING_POLL = Duration.ofSeconds(1);
}
