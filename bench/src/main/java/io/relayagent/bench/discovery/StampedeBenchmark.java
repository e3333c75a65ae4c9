package io.relayagent.bench.discovery;

import io.relayagent.demo.PolicyText;
import io.relayagent.tests.cli.RelayAgentCli;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.hosts.SiteListXml;
import io.relayagent.tests.lan.JavaHosts;
import io.relayagent.tests.lan.NamespaceLan;
import io.relayagent.tests.lan.NamespaceLan.Host;
import io.relayagent.tests.lan.NamespaceLan.Segment;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.Role;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stampede benchmark (issue 14), on a LAN of network namespaces (needs root): five relays (the
 * shipped {@code relay-agent run}, relay capability on) and one host of many agents that discover
 * at the same moment, each opening and holding a tunnel through the first relay that answered
 * ({@link StampedeHost}). The relays' own counts of open tunnels are then read with {@code
 * relay-agent status}. Each run measures both rules on the same relays: the first-responder rule
 * alone ({@code loadDelayMillis="0"}) and load-aware answers (the default), switched live by the
 * relays' policy, in alternating order. Run with {@code bench/stampede.sh [RUNS] [AGENTS]
 * [RELAYS]}.
 */
public final class StampedeBenchmark {
  private static final int PORT = 8082;
  private static final String OFFICE = "10.79.0";
  private static final String DATACENTRE = "10.79.9";
  private static final String SERVER_ADDRESS = DATACENTRE + ".1";
  private static final String SERVER = SERVER_ADDRESS + ":8443";

  /** The site the agents' tunnels lead to: it holds connections that carry nothing. */
  private static final String SINK = SERVER_ADDRESS + ":9000";

  private static final int FIRST_RELAY = 11;
  private static final int HERD_HOST = 20;
  private static final int PER_ADDRESS = 5;
  private static final String AGENT_CERTIFICATE = "herd";

  /** A rule the relays answer by, as their policy sets it. */
  private enum Rule {
    FIRST_RESPONDER(0),
    LOAD_AWARE(null);

    private final Integer loadDelayMillis;

    Rule(Integer loadDelayMillis) {
      this.loadDelayMillis = loadDelayMillis;
    }

    String policy() {
      PolicyText relay = PolicyText.relay(8083).discoveryEnabled(false).discoveryPort(PORT);
      return (loadDelayMillis == null ? relay : relay.loadDelayMillis(loadDelayMillis)).xml();
    }

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private StampedeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int agents = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int relayCount = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    BenchHosts.Organisation organisation =
        BenchHosts.organisation("stampede-bench", SERVER_ADDRESS);
    Path work = organisation.work();
    Path caDir = organisation.caDir();
    HostFiles files = organisation.files().issue(IssueRequest.of(Role.AGENT, AGENT_CERTIFICATE));
    for (int r = 1; r <= relayCount; r++) {
      files.issue(IssueRequest.of(Role.RELAY, "relay" + r));
    }
    String siteList =
        new SiteListXml().managementServer("epo", SERVER).managementServer("sink", SINK).xml();
    Rule first = Rule.LOAD_AWARE;
    Path serverDir = files.server(work.resolve("server"), siteList, first.policy());
    List<String> report = new ArrayList<>();
    Map<Rule, List<Double>> ratios = new LinkedHashMap<>();
    try (NamespaceLan lan = new NamespaceLan("herd")) {
      Segment office = lan.addSegment(OFFICE);
      Segment datacentre = lan.addSegment(DATACENTRE);
      Host server = lan.addHost("srv", 1, datacentre);
      Host herd = lan.addHost("herd", HERD_HOST, office);
      lan.addAddresses(
          herd, 0, BenchHosts.addresses(OFFICE, HERD_HOST + 1, agents / PER_ADDRESS - 1));
      lan.start(
          server,
          JavaHosts.productionRelayAgent(
              "server", "--dir", serverDir.toString(), "--bind", SERVER_ADDRESS, "--port", "8443"),
          work.resolve("srv.log"));
      BenchHosts.ready(
          lan.start(
              server,
              JavaHosts.productionCommand(TcpSinkHost.class, "9000"),
              work.resolve("sink.log")),
          work.resolve("sink.log"));
      List<Path> relayStates = new ArrayList<>();
      List<Process> relays = new ArrayList<>();
      for (int r = 1; r <= relayCount; r++) {
        String name = "relay" + r;
        Host relay = lan.addHost("r" + r, FIRST_RELAY + r - 1, office, datacentre);
        Path state = files.host(work.resolve(name), name, first.policy(), siteList);
        relays.add(
            lan.start(
                relay,
                JavaHosts.productionRelayAgent(HostFiles.runArguments(state)),
                work.resolve(name + ".log")));
        relayStates.add(state);
      }
      for (int r = 0; r < relayCount; r++) {
        BenchHosts.awaitServing(
            relays.get(r),
            new RelayAgentCli(relayStates.get(r)),
            work.resolve("relay" + (r + 1) + ".log"));
      }
      for (int run = 1; run <= runs; run++) {
        // Alternate which rule goes first, so that neither always meets the colder JVMs.
        List<Rule> order =
            run % 2 == 1
                ? List.of(Rule.FIRST_RESPONDER, Rule.LOAD_AWARE)
                : List.of(Rule.LOAD_AWARE, Rule.FIRST_RESPONDER);
        for (Rule rule : order) {
          applyRule(rule, serverDir, relayStates);
          List<String> lines = new ArrayList<>();
          int[] held = stampede(lan, herd, caDir, agents, relayStates, work, lines);
          double ratio = maxOverMean(held);
          ratios.computeIfAbsent(rule, r -> new ArrayList<>()).add(ratio);
          report.add(
              String.format(
                  Locale.ROOT,
                  "RUN %d %-15s held per relay %s: busiest %.2f x the mean",
                  run,
                  rule.label(),
                  java.util.Arrays.toString(held),
                  ratio));
          lines.forEach(line -> report.add("    " + line));
          System.out.println(report.get(report.size() - lines.size() - 1));
        }
      }
    }
    report.forEach(System.out::println);
    ratios.forEach(
        (rule, values) ->
            System.out.printf(
                Locale.ROOT,
                "SUMMARY %-15s busiest/mean over %d runs: %s (min %.2f, max %.2f)%n",
                rule.label(),
                values.size(),
                values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList(),
                values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
  }

  /**
   * Puts the rule in force on every relay: its policy file, read live (no restart), and the
   * server's base policy, so that an ASCI would not take it back.
   */
  private static void applyRule(Rule rule, Path serverDir, List<Path> relayStates)
      throws Exception {
    Files.writeString(serverDir.resolve("policy.xml"), rule.policy(), StandardCharsets.UTF_8);
    for (Path state : relayStates) {
      Files.writeString(state.resolve(HostFiles.POLICY), rule.policy(), StandardCharsets.UTF_8);
    }
    // The relays see the change within a moment; the previous stampede's tunnels must be gone
    // and its promised offers decayed (half a second's time constant).
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!relayStates.stream().allMatch(state -> openTunnels(state) == 0)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("tunnels of the previous stampede are still open");
      }
      Thread.sleep(500);
    }
    Thread.sleep(5_000);
  }

  /** One stampede; returns each relay's open tunnels while the agents hold them. */
  private static int[] stampede(
      NamespaceLan lan,
      Host herd,
      Path caDir,
      int agents,
      List<Path> relayStates,
      Path work,
      List<String> lines)
      throws Exception {
    Path log = work.resolve("herd.log");
    List<String> command =
        JavaHosts.productionCommand(
            StampedeHost.class,
            caDir.toString(),
            AGENT_CERTIFICATE,
            "" + PORT,
            OFFICE + ".255",
            OFFICE,
            "" + HERD_HOST,
            "" + agents,
            "" + PER_ADDRESS,
            SINK);
    Process process = lan.startInteractive(herd, command, log);
    int[] held = new int[relayStates.size()];
    try (BufferedReader out = BenchHosts.reader(process)) {
      for (String line = out.readLine(); !"HOLDING".equals(line); line = out.readLine()) {
        if (line == null) {
          throw BenchHosts.failed(command, log);
        }
        lines.add(line);
      }
      for (int r = 0; r < held.length; r++) {
        held[r] = openTunnels(relayStates.get(r));
      }
      process.getOutputStream().close();
    }
    if (process.waitFor() != 0) {
      throw BenchHosts.failed(command, log);
    }
    return held;
  }

  private static int openTunnels(Path relayState) {
    return new RelayAgentCli(relayState).status().relay().openTunnels();
  }

  private static double maxOverMean(int[] held) {
    int total = 0;
    int max = 0;
    for (int count : held) {
      total += count;
      max = Math.max(max, count);
    }
    return total == 0 ? 0 : max / (total / (double) held.length);
  }
}
