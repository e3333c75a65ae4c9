package io.relayagent.tests.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.demo.PolicyText;
import io.relayagent.tests.cli.RelayAgentCli;
import io.relayagent.tests.cli.ServerAdmin;
import io.relayagent.tests.cli.ServerAdmin.AgentView;
import io.relayagent.tests.cli.WakeupView;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.hosts.SiteListXml;
import io.relayagent.tests.lan.NamespaceLan.Host;
import io.relayagent.tests.lan.NamespaceLan.Segment;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wake-ups (docs/wakeup.md) and relay statistics with the shipped {@code relay-agent} on a LAN of
 * network namespaces: the reference server on a data-centre segment; one relay on the office, the
 * data-centre and an edge segment; agent A on the office segment with no route to the server, which
 * finds the relay by UDP broadcast discovery; agent B on the edge segment, which reaches only the
 * relay, configured as its static (edge) relay; agent C on the data-centre segment, direct.
 *
 * <p>{@code relay-agent server wakeup} makes each run an ASCI within 5 s, read from the server's
 * records. That a replayed wake-up, or one not signed by the server, does nothing is proved in the
 * app module's {@code WakeupTest}, with real sockets: it needs a genuine wake-up captured and
 * written again on an agent's poll, which only a server in the test's own JVM can do (the agent's
 * connection is TLS end to end with the server, so nothing on this LAN can capture or inject one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WakeupLanSystemTest {

  private static final String SERVER_ADDRESS = "10.79.9.1";
  private static final int SERVER_PORT = 8443;
  private static final int DISCOVERY_PORT = 8082;
  private static final int TUNNEL_PORT = 8083;
  private static final int METRICS_PORT = 9464;
  private static final String RELAY = "relay-1";
  private static final String RELAY_EDGE_ADDRESS = "10.79.2.10";
  private static final String AGENT_A = "agent-a";
  private static final String AGENT_B = "agent-b";
  private static final String AGENT_C = "agent-c";
  private static final List<String> AGENTS = List.of(AGENT_A, AGENT_B, AGENT_C);
  private static final Duration WITHIN = Duration.ofSeconds(5);

  private Path dir;
  private final Phases phases = new Phases();
  private NamespaceLan lan;
  private HostFiles files;
  private String siteList;
  private Path serverDir;
  private ServerAdmin server;
  private Host relayHost;
  private final Map<String, String> wakeupRoutes = new java.util.TreeMap<>();

  /**
   * @param dir kept when a test fails: the hosts' logs and state directories show what happened
   */
  @BeforeAll
  void startTheLan(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    this.dir = dir;
    LanTests.requireNamespacesAndTheJar();
    lan = new NamespaceLan("wak");
    try {
      phases.begin("server and relay");
      files = certificates();
      siteList =
          new SiteListXml().managementServer("epo", SERVER_ADDRESS + ":" + SERVER_PORT).xml();
      String agentPolicy = LanTests.lanAgentPolicy(DISCOVERY_PORT).xml();
      serverDir = files.server(dir.resolve("server"), siteList, agentPolicy);
      Segment office = lan.addSegment("10.79.0");
      Segment edge = lan.addSegment("10.79.2");
      Segment datacentre = lan.addSegment("10.79.9");
      server =
          LanTests.startServer(
              lan, lan.addHost("srv", 1, datacentre), serverDir, SERVER_ADDRESS, SERVER_PORT, dir);
      startRelay(office, datacentre, edge);

      phases.begin("three agents' first ASCIs");
      start(lan.addHost("a", 100, office), AGENT_A, agentPolicy);
      start(lan.addHost("b", 100, edge), AGENT_B, edgeAgentPolicy());
      start(lan.addHost("c", 100, datacentre), AGENT_C, agentPolicy);
      await("every agent's first ASCI")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> server.lastSeen().keySet().containsAll(AGENTS));
      // Each holds its wake-up connection once its first ASCI is over, by the ASCI's route.
      for (String agent : AGENTS) {
        wakeupRoutes.put(agent, awaitWakeupConnection(agent));
      }
    } catch (AssertionError | RuntimeException e) {
      HostLogs.printTails(dir, 30);
      throw e;
    }
  }

  @AfterAll
  void stopTheLan() {
    if (lan != null) {
      lan.close();
    }
    phases.printSummary("wake-up LAN: 1 server, 1 relay, 3 agents");
  }

  @Test
  @Order(1)
  void firstAscis_takeTheRouteOfEachAgentsNetwork() throws IOException {
    String relayDataCentreAddress = relayHost.addresses().get(1);
    assertThat(server.agents())
        .as("A found the relay by discovery, B through it as its edge relay, C went direct")
        .contains(
            new AgentView(AGENT_A, "relay", RELAY, relayDataCentreAddress),
            new AgentView(AGENT_C, "direct", null, "10.79.9.100"))
        .anySatisfy(
            agent -> {
              assertThat(agent.agentId()).isEqualTo(AGENT_B);
              assertThat(agent.mode()).isEqualTo("relay");
              assertThat(agent.address()).isEqualTo(relayDataCentreAddress);
            });
    assertThat(new RelayAgentCli(dir.resolve(AGENT_A)).relays())
        .as("A knows the relay by discovery on the office segment")
        .anySatisfy(relay -> assertThat(relay.source()).isEqualTo("discovered"));
    assertThat(wakeupRoutes)
        .as("relay-agent status shows each wake-up connection on the ASCI's route")
        .containsEntry(AGENT_A, "relay " + RELAY)
        .containsEntry(AGENT_B, "relay " + RELAY_EDGE_ADDRESS + ":" + TUNNEL_PORT)
        .containsEntry(AGENT_C, "direct");
  }

  @Test
  @Order(2)
  void serverWakeup_agentsThroughADiscoveredRelayAnEdgeRelayAndDirect_eachRunAnAsciWithin5s()
      throws IOException {
    phases.begin("wake-up");
    Map<String, Instant> before = server.lastSeen();

    WakeupView woken = server.wakeup(AGENT_A, AGENT_B, AGENT_C);
    Map<String, Instant> after = server.lastSeen();

    woken
        .agents()
        .values()
        .forEach(
            line ->
                phases.step(
                    line.agentId()
                        + " "
                        + line.outcome()
                        + ", ASCI in the server's records after "
                        + (line.asci() == null
                            ? "none"
                            : Duration.between(woken.sent(), line.asci()).toMillis() + " ms")));
    assertThat(woken.exitCode()).as("every agent ran its ASCI: %s", woken).isZero();
    for (String agent : AGENTS) {
      WakeupView.Agent line = woken.agents().get(agent);
      assertThat(line.outcome()).as(agent).isEqualTo("delivered");
      assertThat(line.asci()).as("%s called", agent).isNotNull();
      assertThat(Duration.between(woken.sent(), line.asci()))
          .as("%s: from the wake-up to its ASCI, in the server's records", agent)
          .isPositive()
          .isLessThan(WITHIN);
      assertThat(after.get(agent))
          .as("%s: the server's lastSeen moved past the wake-up", agent)
          .isAfter(before.get(agent))
          .isAfter(woken.sent());
      String shown = new RelayAgentCli(dir.resolve(agent)).status().wakeup().lastWakeup();
      assertThat(shown).as("%s: status shows the wake-up received", agent).isNotNull();
      assertThat(Instant.parse(shown)).isAfter(woken.sent().minusSeconds(1));
    }
  }

  @Test
  @Order(3)
  void serverWakeup_afterTheFirst_wakesTheSameAgentsAgain() throws IOException {
    // Each agent polls again on the same connection after a wake-up: delivered on that poll, or
    // queued for it if it comes within the server's grace.
    WakeupView woken = server.wakeup(AGENT_A, AGENT_B, AGENT_C);

    assertThat(woken.exitCode()).as("every agent ran its ASCI: %s", woken).isZero();
    assertThat(woken.agents().values())
        .allSatisfy(
            line -> assertThat(Duration.between(woken.sent(), line.asci())).isLessThan(WITHIN));
  }

  @Test
  @Order(4)
  void relayStatistics_afterTheAgentsTraffic_showTunnelsAndBytesInTheCliAndOnTheMetricsPage()
      throws IOException {
    phases.begin("relay statistics");
    // The relay reports its statistics at its ASCI: a wake-up makes it run one now, after A's and
    // B's traffic of the tests above.
    awaitWakeupConnection(RELAY);
    WakeupView relayWoken = server.wakeup(RELAY);
    assertThat(relayWoken.exitCode()).as("the relay ran its ASCI: %s", relayWoken).isZero();

    Map<String, Object> reported = server.relayStatistics().get(RELAY);
    String table = server.relayStatisticsTable();
    Map<String, Double> page = metricsPage();

    phases.step("reported: " + reported);
    assertThat(reported).as("the relay's statistics on the server").isNotNull();
    assertThat(number(reported, "agentsServed")).as("A and B, not C (direct)").isEqualTo(2);
    assertThat(number(reported, "tunnelsOpen"))
        .as("A's and B's wake-up polls hold a tunnel each")
        .isGreaterThanOrEqualTo(2);
    assertThat(number(reported, "tunnelsOpened"))
        .as("per agent: its first ASCI, its poll and two woken ASCIs")
        .isGreaterThanOrEqualTo(2 * 4);
    assertThat(number(reported, "bytesFromAgents")).isPositive();
    assertThat(number(reported, "bytesToAgents")).isPositive();
    assertThat(table)
        .as("the table an administrator reads")
        .containsPattern(
            "(?m)^"
                + RELAY
                + " +\\S+ +2 +"
                + number(reported, "tunnelsOpen")
                + " +"
                + number(reported, "tunnelsOpened")
                + " ");

    assertThat(page.get("relay_agents_served")).isEqualTo(2.0);
    assertThat(page.get("relay_tunnels_open")).isGreaterThanOrEqualTo(2.0);
    assertThat(page.get("relay_tunnels_opened_total"))
        .as("the page counts on from what the relay last reported")
        .isGreaterThanOrEqualTo(number(reported, "tunnelsOpened"));
    assertThat(page.get("relay_tunnel_bytes_total{direction=\"from_agents\"}"))
        .isGreaterThanOrEqualTo(number(reported, "bytesFromAgents"));
    assertThat(page.get("relay_tunnel_bytes_total{direction=\"to_agents\"}"))
        .isGreaterThanOrEqualTo(number(reported, "bytesToAgents"));
  }

  /** The Prometheus page, read by curl inside the relay's namespace: each sample by its name. */
  private Map<String, Double> metricsPage() {
    String text =
        Command.run(
            Curl.get(
                relayHost.namespace(), List.of(), "http://127.0.0.1:" + METRICS_PORT + "/metrics"));
    Map<String, Double> samples = new java.util.TreeMap<>();
    Matcher sample = Pattern.compile("(?m)^([a-z_]+(?:\\{[^}]*\\})?) (\\S+)$").matcher(text);
    while (sample.find()) {
      samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
    }
    assertThat(samples).as("the page: %s", text).containsKey("relay_tunnels_opened_total");
    return samples;
  }

  private static long number(Map<String, Object> json, String key) {
    return ((Number) json.get(key)).longValue();
  }

  /** The relay on the office (discovery), data-centre (upstream) and edge segments. */
  private void startRelay(Segment office, Segment datacentre, Segment edge) throws IOException {
    String policy =
        PolicyText.relay(TUNNEL_PORT)
            .discoveryEnabled(false)
            .discoveryPort(DISCOVERY_PORT)
            .metrics(METRICS_PORT)
            .xml();
    HostFiles.assignPolicy(serverDir, RELAY, policy);
    relayHost = lan.addHost("r", 10, office, datacentre, edge);
    Path state = files.host(dir.resolve(RELAY), RELAY, policy, siteList);
    lan.start(relayHost, JavaHosts.relayAgent(HostFiles.runArguments(state)), log(RELAY));
    RelayAgentCli relay = new RelayAgentCli(state);
    await("the relay serves after its first ASCI")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(relay::status, s -> s.relayServing() && "ok".equals(s.lastOutcome()));
  }

  /** B's policy: the relay's edge address as its static relay, and no discovery. */
  private String edgeAgentPolicy() throws IOException {
    String policy =
        PolicyText.agent()
            .discoveryEnabled(false)
            .discoveryPort(DISCOVERY_PORT)
            .staticRelay(RELAY_EDGE_ADDRESS, TUNNEL_PORT)
            .xml();
    HostFiles.assignPolicy(serverDir, AGENT_B, policy);
    return policy;
  }

  private void start(Host host, String agentId, String policy) throws IOException {
    Path state = files.host(dir.resolve(agentId), agentId, policy, siteList);
    lan.start(host, JavaHosts.relayAgent(HostFiles.runArguments(state)), log(agentId));
  }

  /**
   * Waits until {@code relay-agent status} shows the host's wake-up connection open: its poll
   * reaches the server within milliseconds of that. Returns the route it shows.
   */
  private String awaitWakeupConnection(String hostId) {
    RelayAgentCli cli = new RelayAgentCli(dir.resolve(hostId));
    return await(hostId + " holds its wake-up connection")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(cli::status, s -> s.wakeup() != null && s.wakeup().route() != null)
        .wakeup()
        .route();
  }

  private Path log(String host) {
    return dir.resolve(host + ".log");
  }

  private HostFiles certificates() throws Exception {
    HostFiles ca = HostFiles.newCa(dir.resolve("ca"), "CN=Wake-up LAN test CA,O=Relay Agent");
    ca.issue(
        IssueRequest.of(Role.SERVER, HostFiles.SERVER).withIpAddresses(List.of(SERVER_ADDRESS)));
    // B reaches its edge relay by address: the relay's certificate names it, as an edge relay's
    // certificate names the address or name it is published under.
    ca.issue(IssueRequest.of(Role.RELAY, RELAY).withIpAddresses(List.of(RELAY_EDGE_ADDRESS)));
    for (String agent : AGENTS) {
      ca.issue(IssueRequest.of(Role.AGENT, agent));
    }
    return ca;
  }
}
