package io.relayagent.bench.wakeup;

import io.relayagent.bench.common.Percentiles;
import io.relayagent.bench.common.ProcessLogs;
import io.relayagent.bench.common.ProcessStats;
import io.relayagent.cli.RelayAgentCli;
import io.relayagent.demo.DemoPolicy;
import io.relayagent.demo.PolicyText;
import io.relayagent.mesh.client.Route;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.protocol.wakeup.WakeupReport;
import io.relayagent.protocol.wakeup.WakeupRequest;
import io.relayagent.protocol.wakeup.WakeupResult;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.sitelist.HostPort;
import io.relayagent.tests.lan.JavaHosts;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cost of the wake-up connection (docs/wakeup.md), on loopback: the reference server and a
 * relay ({@code relay-agent server}, {@code relay-agent run} with relay capability) as processes
 * with {@code bin/relay-agent}'s JVM options, and AGENTS simulated agents in this JVM, each with
 * its own certificate, holding the wake-up poll. Measures the server's and the relay's RSS per
 * waiting agent, and the latency of waking all of them at once, directly and through the relay
 * after IDLE_SECONDS of idling.
 *
 * <pre>{@code
 * java -cp CP io.relayagent.bench.wakeup.WakeupBenchmark [AGENTS=1000] [IDLE_SECONDS=60]
 * }</pre>
 */
public final class WakeupBenchmark {
  private static final Pattern TUNNEL_PORT = Pattern.compile("\"tunnelPort\":(\\d+)");

  private final Path work;
  private final int agents;
  private final List<Process> processes = new ArrayList<>();

  private WakeupBenchmark(Path work, int agents) {
    this.work = work;
    this.agents = agents;
  }

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Path work = Files.createTempDirectory("relay-agent-wakeup");
    WakeupBenchmark bench = new WakeupBenchmark(work, agents);
    try {
      bench.run(idleSeconds);
    } finally {
      bench.stop();
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private void run(int idleSeconds) throws Exception {
    LoopbackPki pki =
        LoopbackPki.create(work.resolve("ca"), "CN=Wake-up bench CA,O=Relay Agent bench")
            .issue(Role.SERVER, "server")
            .issue(Role.RELAY, "relay-1");
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= agents; i++) {
      names.add("agent-%05d".formatted(i));
      pki.issue(Role.AGENT, names.get(i - 1));
    }
    System.out.printf("%d agent certificates issued%n", agents);
    Path serverDir = serverDirectory();
    Process server =
        start(
            "server",
            "server",
            "--dir",
            serverDir.toString(),
            "--port",
            "0",
            "--bind",
            "127.0.0.1");
    int serverPort =
        Integer.parseInt(
            ProcessLogs.awaitLine(work.resolve("server.log"), ProcessLogs.SERVER_PORT));
    Files.writeString(serverDir.resolve("SiteList.xml"), DemoPolicy.siteList(serverPort));
    Path relayState = relayState(serverPort);
    Process relay =
        start(
            "relay",
            "run",
            "--policy",
            relayState.resolve("policy.xml").toString(),
            "--sitelist",
            relayState.resolve("SiteList.xml").toString(),
            "--state-dir",
            relayState.toString());
    int tunnelPort = tunnelPort(relayState);
    AdminClient admin =
        new AdminClient(
            URI.create("https://localhost:" + serverPort),
            Files.readString(serverDir.resolve("admin-token")).strip(),
            TlsContexts.forJdkClient(pki.trustOnly(), Role.SERVER));
    HostPort serverAddress = new HostPort("localhost", serverPort);

    // Warm-up: the classes and the JIT of a first round are not a cost per agent.
    try (PollingAgents warmUp = new PollingAgents()) {
      List<String> some = names.subList(0, Math.max(1, agents / 10));
      warmUp.connect(pki, some, new Route.Direct(), serverAddress);
      wakeAll("warm-up", admin, some, warmUp);
    }
    Thread.sleep(3_000);
    long serverIdle = settledRss(server);
    long serverHeapIdle = heapUsedKib(server);
    try (PollingAgents direct = new PollingAgents()) {
      long started = System.nanoTime();
      direct.connect(pki, names, new Route.Direct(), serverAddress);
      System.out.printf(
          "direct: %d connections open in %.1f s%n",
          direct.open(), (System.nanoTime() - started) / 1e9);
      long serverHolding = settledRss(server);
      report("server RSS per waiting agent (direct)", serverIdle, serverHolding);
      report("server Java heap per waiting agent (direct)", serverHeapIdle, heapUsedKib(server));
      wakeAll("direct", admin, names, direct);
    }

    Thread.sleep(5_000);
    long relayIdle = settledRss(relay);
    long relayHeapIdle = heapUsedKib(relay);
    serverIdle = settledRss(server);
    try (PollingAgents behindRelay = new PollingAgents()) {
      long started = System.nanoTime();
      behindRelay.connect(
          pki,
          names,
          new Route.ViaRelay("relay-1", new InetSocketAddress("127.0.0.1", tunnelPort)),
          serverAddress);
      System.out.printf(
          "through the relay: %d connections open in %.1f s%n",
          behindRelay.open(), (System.nanoTime() - started) / 1e9);
      long relayHolding = settledRss(relay);
      report("relay RSS per waiting agent", relayIdle, relayHolding);
      report("relay Java heap per waiting agent", relayHeapIdle, heapUsedKib(relay));
      report("server RSS per waiting agent (through the relay)", serverIdle, settledRss(server));
      for (int waited = 0; waited < idleSeconds; waited += 30) {
        Thread.sleep(Math.min(30, idleSeconds - waited) * 1000L);
        System.out.printf(
            "idle %d s: %d open, %d failed polls, relay RSS %d KiB, server RSS %d KiB%n",
            Math.min(waited + 30, idleSeconds),
            behindRelay.open(),
            behindRelay.failures(),
            ProcessStats.memoryKib(relay.pid(), "VmRSS"),
            ProcessStats.memoryKib(server.pid(), "VmRSS"));
      }
      wakeAll("through the relay, after " + idleSeconds + " s idle", admin, names, behindRelay);
    }
  }

  private void wakeAll(String label, AdminClient admin, List<String> names, PollingAgents agents)
      throws Exception {
    long sent = System.nanoTime();
    WakeupReport report = admin.wake(new WakeupRequest(names, false));
    long answered = System.nanoTime();
    Map<WakeupOutcome, Integer> outcomes = new EnumMap<>(WakeupOutcome.class);
    for (WakeupResult result : report.results()) {
      outcomes.merge(result.outcome(), 1, Integer::sum);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (agents.wokenAt().size() < names.size() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    long[] micros =
        agents.wokenAt().values().stream().mapToLong(at -> (at - sent) / 1_000).toArray();
    Percentiles latency = new Percentiles(micros);
    System.out.printf(
        "wake-up of %d agents, %s: outcomes %s; admin request answered in %d ms; %d woken;"
            + " latency ms p50 %.1f, p99 %.1f, max %.1f%n",
        names.size(),
        label,
        outcomes,
        (answered - sent) / 1_000_000,
        latency.count(),
        latency.at(50) / 1000.0,
        latency.at(99) / 1000.0,
        latency.at(100) / 1000.0);
  }

  private void report(String what, long beforeKib, long afterKib) {
    System.out.printf(
        "%s: %d -> %d KiB: %.1f KiB per agent%n",
        what, beforeKib, afterKib, (afterKib - beforeKib) / (double) agents);
  }

  /** RSS after a full collection (jcmd, where the JDK has it) and a moment to settle. */
  private static long settledRss(Process process) throws Exception {
    try {
      new ProcessBuilder("jcmd", Long.toString(process.pid()), "GC.run")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // No jcmd: RSS as it is.
    }
    Thread.sleep(3_000);
    return ProcessStats.memoryKib(process.pid(), "VmRSS");
  }

  private static final Pattern GENERATION_USED =
      Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

  /** The Java heap in use (after the collection {@link #settledRss} ran), from jcmd; -1 without. */
  private static long heapUsedKib(Process process) throws Exception {
    try {
      Process jcmd =
          new ProcessBuilder("jcmd", Long.toString(process.pid()), "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      Matcher matcher = GENERATION_USED.matcher(out);
      long used = 0;
      boolean found = false;
      while (matcher.find()) {
        used += Long.parseLong(matcher.group(1));
        found = true;
      }
      return found ? used : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private Path serverDirectory() throws IOException {
    Path dir = Files.createDirectories(work.resolve("server"));
    Files.createDirectories(dir.resolve("repo"));
    Path ca = work.resolve("ca");
    Files.copy(ca.resolve("ca.pem"), dir.resolve("ca.pem"));
    Files.copy(ca.resolve("server.pem"), dir.resolve("server.pem"));
    Files.copy(ca.resolve("server-key.pem"), dir.resolve("server-key.pem"));
    Files.writeString(dir.resolve("policy.xml"), PolicyText.agent().xml());
    return dir;
  }

  private Path relayState(int serverPort) throws IOException {
    Path state = Files.createDirectories(work.resolve("relay"));
    Path trust = Files.createDirectories(state.resolve("trust"));
    Path ca = work.resolve("ca");
    Files.copy(ca.resolve("ca.pem"), trust.resolve("ca.pem"));
    Files.copy(ca.resolve("relay-1.pem"), trust.resolve("agent.pem"));
    Files.copy(ca.resolve("relay-1-key.pem"), trust.resolve("agent-key.pem"));
    String policy =
        PolicyText.relay(0)
            .maxConnections(2 * agents + 64)
            .discoveryPort(ThreadLocalRandom.current().nextInt(20_000, 60_000))
            .discoveryInterfaces("lo")
            .xml();
    Files.writeString(state.resolve("policy.xml"), policy);
    Files.writeString(state.resolve("SiteList.xml"), DemoPolicy.siteList(serverPort));
    // The server hands the relay its base policy at each ASCI: the relay's own, there too.
    Files.createDirectories(work.resolve("server/policies"));
    Files.writeString(work.resolve("server/policies/relay-1.xml"), policy);
    return state;
  }

  private Process start(String name, String... args) throws IOException {
    Process process =
        new ProcessBuilder(JavaHosts.productionCommand(RelayAgentCli.class, args))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile())
            .start();
    processes.add(process);
    return process;
  }

  private static int tunnelPort(Path relayState) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      StringWriter out = new StringWriter();
      int exit =
          RelayAgentCli.newCommandLine()
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(new StringWriter()))
              .execute("status", "--json", "--state-dir", relayState.toString());
      Matcher matcher = TUNNEL_PORT.matcher(out.toString());
      if (exit == 0 && matcher.find() && !matcher.group(1).equals("0")) {
        return Integer.parseInt(matcher.group(1));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the relay's tunnel did not start within 60 s");
  }

  private void stop() throws InterruptedException {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
