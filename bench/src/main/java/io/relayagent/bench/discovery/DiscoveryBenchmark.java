package io.relayagent.bench.discovery;

import io.relayagent.bench.common.ProcessStats;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The discovery benchmark, on a LAN of network namespaces (needs root): an agent whose direct path
 * to the server is blocked, one relay that reaches it, and a storm segment. The relay and the
 * server are the shipped {@code relay-agent} ({@code run} with relay capability on, and {@code
 * server}) with the JVM options of {@code bin/relay-agent}. Prints the time from a failed direct
 * connection to a usable offer (with a bare UDP round trip to the relay's host as the peer), then a
 * storm of agents discovering at once, with the relay's CPU and memory. Run with {@code
 * bench/discovery.sh [ROUNDS] [STORM_AGENTS]}.
 */
public final class DiscoveryBenchmark {
  private static final int PORT = 8082;
  private static final String SERVER_ADDRESS = "10.77.9.1";
  private static final String SERVER = SERVER_ADDRESS + ":8443";
  private static final String RELAY = "relay1";
  private static final int STORM_PER_ADDRESS = 5;
  private static final int STORM_FIRST_HOST = 20;

  private DiscoveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int stormAgents = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    BenchHosts.Organisation organisation =
        BenchHosts.organisation("discovery-bench", SERVER_ADDRESS);
    Path work = organisation.work();
    Path caDir = organisation.caDir();
    HostFiles files = organisation.files().issue(IssueRequest.of(Role.RELAY, RELAY));
    String siteList = new SiteListXml().managementServer("epo", SERVER).xml();
    // The relay reaches the server directly and answers discovery; it discovers nothing itself.
    String relayPolicy = PolicyText.relay(8083).discoveryEnabled(false).discoveryPort(PORT).xml();
    Path serverDir = files.server(work.resolve("server"), siteList, relayPolicy);
    Path relayState = files.host(work.resolve(RELAY), RELAY, relayPolicy, siteList);
    List<String> report = new ArrayList<>();
    try (NamespaceLan lan = new NamespaceLan("bench")) {
      Segment office = lan.addSegment("10.77.0");
      Segment datacentre = lan.addSegment("10.77.9");
      Segment storm = lan.addSegment("10.78.0");
      Host server = lan.addHost("srv", 1, datacentre);
      Host relay = lan.addHost("relay", 11, office, datacentre, storm);
      Host agent = lan.addHost("agent", 100, office);
      Host stormHost = lan.addHost("storm", STORM_FIRST_HOST, storm);
      // The relay answers each source address a few times a second at most; the latency rounds
      // and the storm's agents each use many addresses, as real agents do.
      lan.addAddresses(agent, 0, BenchHosts.addresses("10.77.0", 101, 100));
      lan.addAddresses(
          stormHost,
          0,
          BenchHosts.addresses(
              "10.78.0", STORM_FIRST_HOST + 1, stormAgents / STORM_PER_ADDRESS - 1));
      lan.start(
          server,
          JavaHosts.productionRelayAgent(
              HostFiles.serverArguments(serverDir, SERVER_ADDRESS, 8443)),
          work.resolve("srv.log"));
      Process relayProcess =
          lan.start(
              relay,
              JavaHosts.productionRelayAgent(HostFiles.runArguments(relayState)),
              work.resolve("relay.log"));
      BenchHosts.awaitServing(
          relayProcess, new RelayAgentCli(relayState), work.resolve("relay.log"));
      BenchHosts.ready(
          lan.start(
              relay,
              JavaHosts.productionCommand(UdpEchoHost.class, "9999"),
              work.resolve("echo.log")),
          work.resolve("echo.log"));

      report.add("LOAD before " + loadAverage());
      long pid = relayProcess.pid();
      double cpuBefore = ProcessStats.cpuSeconds(pid);
      long rssBefore = ProcessStats.memoryKib(pid, "VmRSS");
      report.addAll(
          BenchHosts.run(
              lan,
              stormHost,
              JavaHosts.productionCommand(
                  DiscoveryStormHost.class,
                  caDir.toString(),
                  "" + PORT,
                  "10.78.0.255",
                  "10.78.0",
                  "" + STORM_FIRST_HOST,
                  "" + stormAgents,
                  "" + STORM_PER_ADDRESS),
              work.resolve("storm.log")));
      report.add(
          String.format(
              "RELAY storm-cpu-seconds=%.2f rss-before-kib=%d rss-after-kib=%d rss-peak-kib=%d",
              ProcessStats.cpuSeconds(pid) - cpuBefore,
              rssBefore,
              ProcessStats.memoryKib(pid, "VmRSS"),
              ProcessStats.memoryKib(pid, "VmHWM")));
      // A fresh agent JVM's first round without the warm-up, then the measured rounds with it.
      report.addAll(
          BenchHosts.run(
              lan,
              agent,
              latencyHost(caDir, 0, "no-warm-up"),
              work.resolve("latency-not-warmed.log")));
      report.addAll(
          BenchHosts.run(
              lan, agent, latencyHost(caDir, rounds, "warm-up"), work.resolve("latency.log")));
    }
    report.add("LOAD after " + loadAverage());
    report.forEach(System.out::println);
  }

  private static List<String> latencyHost(Path caDir, int rounds, String warmUp) {
    return withHostOptions(
        JavaHosts.productionCommand(
            DiscoveryLatencyHost.class,
            caDir.toString(),
            "" + PORT,
            "eth0",
            SERVER_ADDRESS,
            "8443",
            "10.77.0.11",
            "9999",
            "" + rounds,
            "10.77.0.101",
            "100",
            warmUp));
  }

  /** The command with the JVM options of {@code HOST_JAVA_OPTS} (a flight recording) added. */
  private static List<String> withHostOptions(List<String> command) {
    String options = System.getenv("HOST_JAVA_OPTS");
    if (options == null || options.isBlank()) {
      return command;
    }
    List<String> withOptions = new ArrayList<>(command.subList(0, 1));
    withOptions.addAll(List.of(options.trim().split("\\s+")));
    withOptions.addAll(command.subList(1, command.size()));
    return withOptions;
  }

  /** The machine's load average (1, 5 and 15 minutes): other builds share its two cores. */
  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
