package io.relayagent.tests.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.demo.PolicyText;
import io.relayagent.tests.cli.CaCli;
import io.relayagent.tests.cli.RelayAgentCli;
import io.relayagent.tests.cli.ServerAdmin;
import io.relayagent.tests.cli.ServerAdmin.AgentCertificateView;
import io.relayagent.tests.cli.ServerAdmin.AgentView;
import io.relayagent.tests.cli.StatusView;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.hosts.SiteBundle;
import io.relayagent.tests.hosts.SiteListXml;
import io.relayagent.tests.lan.NamespaceLan.Host;
import io.relayagent.tests.lan.NamespaceLan.Segment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet deployed as docs/deployment.md says, with the shipped {@code relay-agent} only, on a LAN
 * of network namespaces: a CA, a server, enrollment tokens and a site's install bundle; a relay and
 * 20 agents that hold nothing but the bundle's files enroll, the 10 on the branch segment (which
 * has no route to the server) through the relay; one branch agent is revoked and the relay refuses
 * its tunnel; the root CA is rolled over and every other agent renews from the new root and still
 * completes its ASCI, before and after the rollover is finished.
 */
class FleetEnrollmentSystemTest {

  private static final String SERVER_ADDRESS = "10.78.9.1";
  private static final int SERVER_PORT = 8443;
  private static final String SERVER_URL = "https://" + SERVER_ADDRESS + ":" + SERVER_PORT;
  private static final int DISCOVERY_PORT = 8082;
  private static final int TUNNEL_PORT = 8083;
  private static final String RELAY = "branch-relay";
  private static final String RELAY_ROUTE = "relay " + RELAY;
  private static final int AGENTS_PER_SEGMENT = 10;

  /** Agent processes per namespace: they bind no fixed port, each has its own state directory. */
  private static final int AGENTS_PER_NAMESPACE = 5;

  /**
   * The server re-reads the CA directory's files every 2 s (docs/enrollment.md): a change is in
   * force after this.
   */
  /** The hosts' ASCI interval: also how long they wait after a rollover before renewing. */
  private static final int ASCI_MINUTES = 1;

  private static final Duration SERVER_RELOAD = Duration.ofSeconds(3);

  /** Kept when the test fails: the hosts' state directories and logs show what happened. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final Phases phases = new Phases();

  /** The CLI calls run two at a time: each is a JVM start, and there are two cores. */
  private final ExecutorService cliCalls = Executors.newFixedThreadPool(2);

  private final List<FleetAgent> agents = new ArrayList<>();
  private CaCli ca;
  private Path serverDir;
  private ServerAdmin server;
  private RelayAgentCli relay;

  /** An agent process of the fleet: its CLI, whether it is on the branch, its enrolled name. */
  private record FleetAgent(RelayAgentCli cli, boolean branch, String name) {
    FleetAgent named(String enrolledName) {
      return new FleetAgent(cli, branch, enrolledName);
    }
  }

  @Test
  void fleet_enrollsThroughTheBundle_refusesTheRevokedAgent_andSurvivesARootRollover()
      throws Exception {
    LanTests.requireNamespacesAndTheJar();
    SiteBundle.packages();
    try (NamespaceLan lan = new NamespaceLan("flt")) {
      try {
        phases.begin("CA, server, tokens and bundles");
        Segment datacentre = lan.addSegment("10.78.9");
        Segment branch = lan.addSegment("10.78.1");
        String firstRoot = setUpCaAndServer(lan, datacentre);
        SiteBundle agentBundle =
            SiteBundle.write(
                serverDir, ca.directory(), server.createToken(20, "1h", "agent"), dir.resolve("b"));
        SiteBundle relayBundle =
            SiteBundle.write(
                serverDir, ca.directory(), server.createToken(1, "1h", "relay"), dir.resolve("rb"));

        phases.begin("relay enrolls and serves");
        startRelay(lan, datacentre, branch, relayBundle);

        phases.begin("20 agents enroll");
        startAgents(lan, datacentre, branch, agentBundle);
        checkEnrolled(firstRoot);

        phases.begin("revocation");
        FleetAgent revoked = revokeOneBranchAgent();

        phases.begin("root rollover: renewals");
        String newRoot = rollOver(firstRoot, revoked);

        phases.begin("finish-rollover");
        finishRollover(newRoot, revoked);
      } catch (AssertionError | RuntimeException e) {
        HostLogs.printTails(dir, 30);
        throw e;
      } finally {
        cliCalls.shutdownNow();
      }
    }
    phases.printSummary("fleet enrollment: 1 server, 1 relay, 20 agents (10 through the relay)");
  }

  /** Returns the first root's fingerprint. */
  private String setUpCaAndServer(NamespaceLan lan, Segment datacentre) throws IOException {
    ca = new CaCli(dir.resolve("ca")).initCa("Fleet test root");
    ca.issue("server", HostFiles.SERVER, SERVER_ADDRESS);
    String siteList =
        new SiteListXml().managementServer("epo", SERVER_ADDRESS + ":" + SERVER_PORT).xml();
    String agentPolicy =
        PolicyText.agent()
            .asciIntervalMinutes(ASCI_MINUTES)
            .discoveryPort(DISCOVERY_PORT)
            .discoveryInterfaces("eth0")
            .collectWindowMillis(300)
            .xml();
    serverDir =
        HostFiles.existingCa(ca.directory()).server(dir.resolve("server"), siteList, agentPolicy);
    // The relay's own policy: relay capability on, answering discovery on both its segments.
    HostFiles.assignPolicy(
        serverDir,
        RELAY,
        PolicyText.relay(TUNNEL_PORT)
            .asciIntervalMinutes(ASCI_MINUTES)
            .discoveryEnabled(false)
            .discoveryPort(DISCOVERY_PORT)
            .xml());

    Host host = lan.addHost("srv", 1, datacentre);
    lan.start(
        host,
        JavaHosts.relayAgent(
            "server",
            "--dir",
            serverDir.toString(),
            "--ca-dir",
            ca.directory().toString(),
            "--bind",
            SERVER_ADDRESS,
            "--port",
            "" + SERVER_PORT),
        dir.resolve("server.log"));
    server = new ServerAdmin(host, SERVER_URL, serverDir, ca.trustBundle());
    await("the server answers")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> server.agents() != null);
    return ca.rootFingerprint();
  }

  private void startRelay(NamespaceLan lan, Segment datacentre, Segment branch, SiteBundle bundle)
      throws IOException {
    Host host = lan.addHost("rly", 2, datacentre, branch);
    Path state = bundle.installInto(dir.resolve(RELAY));
    // The name it enrolls under, written before its first start as an administrator would.
    Files.writeString(state.resolve("trust/agent-name"), RELAY + "\n", StandardCharsets.UTF_8);
    relay = run(lan, host, state);
    StatusView status =
        await("the relay enrolls, gets its relay policy and serves")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(
                relay::status,
                // Its relay starts while its first ASCI runs: wait for that ASCI's outcome too.
                s ->
                    s.relayServing()
                        && s.certificate().state().equals("enrolled")
                        && "ok".equals(s.lastOutcome()));
    assertThat(status.certificate().name()).isEqualTo(RELAY);
    assertThat(status.certificate().role()).isEqualTo("relay");
    assertThat(status.route()).isEqualTo("direct");
    assertThat(state.resolve("trust/enrollment-token")).doesNotExist();
  }

  /** Ten agents in two namespaces on each segment, started one a second. */
  private void startAgents(NamespaceLan lan, Segment datacentre, Segment branch, SiteBundle bundle)
      throws IOException, InterruptedException {
    List<Host> directHosts = new ArrayList<>();
    List<Host> branchHosts = new ArrayList<>();
    for (int n = 0; n < AGENTS_PER_SEGMENT / AGENTS_PER_NAMESPACE; n++) {
      directHosts.add(lan.addHost("d" + n, 11 + n, datacentre));
      branchHosts.add(lan.addHost("b" + n, 11 + n, branch));
    }
    for (int i = 0; i < AGENTS_PER_SEGMENT; i++) {
      for (boolean onBranch : new boolean[] {false, true}) {
        Host host = (onBranch ? branchHosts : directHosts).get(i / AGENTS_PER_NAMESPACE);
        Path state = bundle.installInto(dir.resolve((onBranch ? "branch-" : "direct-") + i));
        agents.add(new FleetAgent(run(lan, host, state), onBranch, null));
        Thread.sleep(500);
      }
    }
    phases.step("started 20 agents; waiting for their first ASCI");
    await("every agent's first status report reaches the server")
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(() -> server.agents().size() == 2 * AGENTS_PER_SEGMENT + 1);
  }

  private void checkEnrolled(String firstRoot) throws Exception {
    List<StatusView> statuses =
        eachAgent(
            agent ->
                await("the first ASCI of " + agent.cli().stateDirectory().getFileName() + " ends")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                        () -> agent.cli().status(), s -> !s.lastOutcome().equals("not yet run")));
    for (int i = 0; i < agents.size(); i++) {
      FleetAgent agent = agents.get(i);
      StatusView status = statuses.get(i);
      assertThat(status.lastOutcome()).as(status.agentId()).isEqualTo("ok");
      assertThat(status.certificate().state()).as(status.agentId()).isEqualTo("enrolled");
      assertThat(status.certificate().role()).isEqualTo("agent");
      assertThat(status.certificate().root()).isEqualTo(firstRoot);
      assertThat(status.certificate().expires()).isNotNull();
      assertThat(status.route())
          .as(status.agentId() + "'s route")
          .isEqualTo(agent.branch() ? RELAY_ROUTE : "direct");
      assertThat(agent.cli().stateDirectory().resolve("trust/enrollment-token"))
          .as("the token is deleted once used")
          .doesNotExist();
      agents.set(i, agent.named(status.certificate().name()));
    }
    List<String> names = new ArrayList<>(agents.stream().map(FleetAgent::name).toList());
    assertThat(names).doesNotHaveDuplicates();
    names.add(RELAY);
    assertThat(server.agents())
        .extracting(AgentView::agentId)
        .containsExactlyInAnyOrderElementsOf(names);
    phases.step("all 20 enrolled: 10 direct, 10 through " + RELAY);
  }

  private FleetAgent revokeOneBranchAgent() throws InterruptedException {
    List<FleetAgent> branchAgents = agents.stream().filter(FleetAgent::branch).toList();
    FleetAgent revoked = branchAgents.get(0);
    ca.revoke(revoked.name());
    Thread.sleep(SERVER_RELOAD.toMillis());
    // The relay's ASCI brings it the new CRL with the trust bundle.
    assertThat(relay.asciNow().lastOutcome()).isEqualTo("ok");

    StatusView refused = revoked.cli().asciNow();
    phases.step("the revoked agent's ASCI: " + refused.lastOutcome());
    assertThat(refused.lastOutcome()).isNotEqualTo("ok");
    assertThat(relayLog())
        .as("the relay refused the revoked agent's tunnel")
        .contains("CN=" + revoked.name())
        .containsPattern("CN=" + revoked.name() + "[^\\n]*revoked");

    StatusView other = branchAgents.get(1).cli().asciNow();
    assertThat(other.lastOutcome()).isEqualTo("ok");
    assertThat(other.route()).isEqualTo(RELAY_ROUTE);
    return revoked;
  }

  /**
   * {@code cert renew} without {@code --keep-root-ca}; an ASCI of every host, which fetches the
   * bundle with both roots and renews nothing yet; then, one ASCI interval after the rollover
   * began, the relay renews FIRST (the order that stranded the agents behind it while hosts renewed
   * at once: they did not trust its new certificate yet and could fetch the new bundle only through
   * it), then every agent. Returns the new root's fingerprint.
   */
  private String rollOver(String firstRoot, FleetAgent revoked) throws Exception {
    Instant began = Instant.now();
    ca.rollOver();
    String newRoot = ca.rootFingerprint();
    assertThat(newRoot).isNotEqualTo(firstRoot);
    Thread.sleep(SERVER_RELOAD.toMillis());

    List<FleetAgent> live = agents.stream().filter(agent -> agent != revoked).toList();
    StatusView relayBundle = relay.asciNow();
    assertThat(relayBundle.lastOutcome()).isEqualTo("ok");
    for (StatusView status : each(live, agent -> agent.cli().asciNow())) {
      assertThat(status.lastOutcome()).as(status.agentId() + ": the new bundle").isEqualTo("ok");
    }
    phases.step("every host holds the bundle with both roots");

    Duration untilRenewal =
        Duration.between(
            Instant.now(), began.plus(Duration.ofMinutes(ASCI_MINUTES)).plusSeconds(5));
    if (!untilRenewal.isNegative()) {
      Thread.sleep(untilRenewal.toMillis());
    }
    StatusView relayStatus = relay.asciNow();
    assertThat(relayStatus.lastOutcome()).isEqualTo("ok");
    assertThat(relayStatus.certificate().root()).as("the relay renewed").isEqualTo(newRoot);
    phases.step("the relay renewed from the new root, first");
    checkRenewed(live, newRoot, "renews from the new root");
    checkRenewed(live, newRoot, "another ASCI");
    // docs/enrollment.md: check the agents list before finishing.
    assertThat(server.agentCertificates())
        .filteredOn(seen -> !seen.agentId().equals(revoked.name()))
        .hasSize(live.size() + 1)
        .allSatisfy(
            seen -> {
              assertThat(seen.root()).as(seen.agentId()).isEqualTo(newRoot);
              assertThat(seen.previousRoot()).as(seen.agentId()).isFalse();
            })
        .extracting(AgentCertificateView::agentId)
        .contains(RELAY);
    return newRoot;
  }

  private void checkRenewed(List<FleetAgent> live, String newRoot, String round) throws Exception {
    List<StatusView> statuses = each(live, agent -> agent.cli().asciNow());
    for (StatusView status : statuses) {
      assertThat(status.lastOutcome()).as(status.agentId() + ": " + round).isEqualTo("ok");
      assertThat(status.certificate().root()).as(status.agentId()).isEqualTo(newRoot);
      assertThat(status.certificate().state()).isEqualTo("enrolled");
    }
    phases.step(live.size() + " agents: " + round + ": ok");
  }

  /** The server's renewed certificate, then {@code cert finish-rollover}: every ASCI still ok. */
  private void finishRollover(String newRoot, FleetAgent revoked) throws Exception {
    for (String file : List.of("server.pem", "server-key.pem")) {
      Path installed = serverDir.resolve(file);
      Path next = serverDir.resolve("." + file + ".new");
      Files.copy(ca.directory().resolve(file), next, StandardCopyOption.COPY_ATTRIBUTES);
      Files.move(next, installed, StandardCopyOption.ATOMIC_MOVE);
    }
    ca.finishRollover();
    Thread.sleep(SERVER_RELOAD.toMillis());

    StatusView relayStatus = relay.asciNow();
    assertThat(relayStatus.lastOutcome()).as("the relay after finish-rollover").isEqualTo("ok");
    List<FleetAgent> live = agents.stream().filter(agent -> agent != revoked).toList();
    List<StatusView> statuses = each(live, agent -> agent.cli().asciNow());
    for (int i = 0; i < live.size(); i++) {
      StatusView status = statuses.get(i);
      assertThat(status.lastOutcome())
          .as(status.agentId() + " after finish-rollover")
          .isEqualTo("ok");
      assertThat(status.certificate().root()).isEqualTo(newRoot);
      assertThat(status.route()).isEqualTo(live.get(i).branch() ? RELAY_ROUTE : "direct");
    }
    phases.step("after finish-rollover: the relay and 19 agents ok");
  }

  private List<StatusView> eachAgent(Function<FleetAgent, StatusView> call) throws Exception {
    return each(agents, call);
  }

  /** {@code call} for every agent, two at a time; the results in the agents' order. */
  private List<StatusView> each(List<FleetAgent> fleet, Function<FleetAgent, StatusView> call)
      throws InterruptedException, ExecutionException {
    List<Future<StatusView>> futures = new ArrayList<>();
    for (FleetAgent agent : fleet) {
      futures.add(cliCalls.submit(() -> call.apply(agent)));
    }
    List<StatusView> results = new ArrayList<>();
    for (Future<StatusView> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        // An assertion or a failed command in a call fails the test as itself.
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw e;
      }
    }
    return results;
  }

  private String relayLog() {
    try {
      return Files.readString(dir.resolve(RELAY + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the relay's log: " + e.getMessage(), e);
    }
  }

  /** Starts {@code relay-agent run} for the host whose state directory is {@code state}. */
  private RelayAgentCli run(NamespaceLan lan, Host host, Path state) {
    lan.start(
        host,
        JavaHosts.relayAgent(HostFiles.runArguments(state)),
        dir.resolve(state.getFileName() + ".log"));
    return new RelayAgentCli(state);
  }
}
