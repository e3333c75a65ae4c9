package io.relayagent.tests.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.demo.PolicyText;
import io.relayagent.testkit.TestPostgres;
import io.relayagent.tests.cli.RelayAgentCli;
import io.relayagent.tests.cli.ServerAdmin;
import io.relayagent.tests.cli.StatusView;
import io.relayagent.tests.cli.WakeupView;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.hosts.SiteListXml;
import io.relayagent.tests.lan.Command;
import io.relayagent.tests.lan.HostLogs;
import io.relayagent.tests.lan.JavaHosts;
import io.relayagent.tests.lan.StartedProcesses;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code relay-agent server} instances on one PostgreSQL database and one {@code relay-agent
 * run} agent whose SiteList names both, all the shipped jar as processes on loopback
 * (docs/operations.md, "Several server instances"): the agent delivers events to the first, A; then
 * A is killed (SIGKILL), or hangs (SIGSTOP), with events still in the agent's queue; the agent
 * moves to the second, B, by itself (its SiteList's next server), and every event is stored once,
 * as B and the database show.
 *
 * <p>Needs a PostgreSQL ({@code RELAY_TEST_POSTGRES}, see {@link TestPostgres}); without one it
 * prints {@code SKIPPED: reason}, except under {@code CI=true}, where it fails.
 */
class ServerInstancesSystemTest {
  private static final String AGENT = "agent-1";
  private static final String LOOPBACK = "127.0.0.1";
  private static final Pattern LISTENING =
      Pattern.compile("Reference server listening on \\S+, port (\\d+)");
  private static final int EVENTS_PER_STEP = 3;

  /** Kept when the test fails: the servers' and the agent's logs and directories. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final StartedProcesses processes = new StartedProcesses();
  private final List<String> sent = new ArrayList<>();
  private String database;
  private Server a;
  private Server b;
  private RelayAgentCli agent;

  @BeforeEach
  void startTwoInstancesAndTheAgent() throws Exception {
    Optional<String> postgres = TestPostgres.url();
    if (postgres.isEmpty()) {
      String reason = "needs PostgreSQL: no " + TestPostgres.VARIABLE;
      System.out.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    JavaHosts.relayAgentJar();
    database = TestPostgres.newSchema(postgres.get());
    try {
      startInstancesAndAgent();
    } catch (Exception | AssertionError e) {
      HostLogs.printTails(dir, 40);
      throw e;
    }
  }

  @AfterEach
  void stopEveryProcess() {
    processes.close();
  }

  @Test
  void events_agentMovingBetweenInstances_areStoredOnce() throws Exception {
    try {
      queueEvents("being stored when A dies");
      await("the agent's wake-up connection is open, to A")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(agent::status, s -> s.wakeup() != null && s.wakeup().since() != null);
      Instant killed;
      StatusView failed;
      try (EventsLocked locked = EventsLocked.in(database)) {
        CompletableFuture<StatusView> asci = CompletableFuture.supplyAsync(agent::asciNow);
        await("A is storing the agent's batch, held by the lock")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(locked::insertWaiting);
        killed = Instant.now();
        a.process().destroyForcibly(); // SIGKILL: no graceful stop, its connections reset
        assertThat(a.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        failed = asci.get(60, TimeUnit.SECONDS);
      }
      assertThat(failed.lastOutcome()).as("the ASCI A died in").isNotEqualTo("ok");
      assertThat(failed.queueDepth()).as("nothing acknowledged").isEqualTo(EVENTS_PER_STEP);
      queueEvents("queued while A is dead");

      // The agent moves by itself: its wake-up connection, opened again after A broke it, can
      // only be at B; a wake-up asked through B then makes it run its ASCI at B.
      await("the agent's wake-up connection opens again, at B")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              agent::status,
              s ->
                  s.wakeup() != null
                      && s.wakeup().since() != null
                      && Instant.parse(s.wakeup().since()).isAfter(killed));
      WakeupView woken = b.admin().wakeup(AGENT);
      assertThat(woken.agents().get(AGENT).outcome()).isEqualTo("delivered");
      assertThat(woken.agents().get(AGENT).asci()).as("its ASCI at B").isNotNull();
      await("the agent's ASCI at B delivers its queue")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(agent::status, s -> s.queueDepth() == 0 && s.lastAsci().isAfter(killed));

      assertEveryEventStoredOnceByB(killed);
    } catch (Exception | AssertionError e) {
      HostLogs.printTails(dir, 40);
      throw e;
    }
  }

  @Test
  void events_agentLeavingAHungInstance_areStoredOnce() throws Exception {
    try {
      queueEvents("queued when A hangs");
      Instant frozen = Instant.now();
      // SIGSTOP: A's port still accepts connections (the kernel completes them), nothing answers.
      Command.run("kill", "-STOP", Long.toString(a.process().pid()));
      queueEvents("queued while A hangs");

      StatusView asci = agent.asciNow();

      assertThat(asci.lastOutcome()).isEqualTo("ok");
      assertThat(Files.readString(dir.resolve(AGENT + ".log"), StandardCharsets.UTF_8))
          .as("the agent gave A up after its connection timeout")
          .contains("instance-a " + a.hostPort() + " direct: timed out");
      assertEveryEventStoredOnceByB(frozen);
    } catch (Exception | AssertionError e) {
      HostLogs.printTails(dir, 40);
      throw e;
    } finally {
      a.process().destroyForcibly(); // a stopped process takes only SIGKILL
    }
  }

  /**
   * Two instances on the test's schema, B's directory a copy of A's, the SiteList naming A then B;
   * the agent, and its first events, delivered to A.
   */
  private void startInstancesAndAgent() throws Exception {
    Path ca = dir.resolve("ca");
    HostFiles files =
        HostFiles.newCa(ca, "CN=Server instances test CA")
            .issue(
                IssueRequest.of(Role.SERVER, HostFiles.SERVER).withIpAddresses(List.of(LOOPBACK)))
            .issue(IssueRequest.of(Role.AGENT, AGENT));
    // One hour between ASCIs: every ASCI below is one the test or a wake-up asked for.
    String policy = PolicyText.agent().discoveryEnabled(false).asciIntervalMinutes(60).xml();
    Path dirA = files.server(dir.resolve("server-a"), null, policy);
    a = startServer("a", dirA);
    // B's directory is A's once A has made its admin token: the same token, trust, policy and
    // repository, as docs/operations.md asks; its catalog state is its own.
    Path dirB = dir.resolve("server-b");
    copyWithout(dirA, dirB, "state");
    b = startServer("b", dirB);
    String siteList =
        new SiteListXml()
            .managementServer("instance-a", a.hostPort())
            .managementServer("instance-b", b.hostPort())
            .xml();
    HostFiles.replaceSiteList(dirA, siteList);
    HostFiles.replaceSiteList(dirB, siteList);

    agent = startAgent(files, policy, siteList);
    await("the agent's first ASCI reaches A, the first server of its SiteList")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(agent::status, s -> "ok".equals(s.lastOutcome()));
    assertThat(agent.status().server()).isEqualTo(a.hostPort());

    queueEvents("delivered to A");
    StatusView atA = agent.checkPolicy();
    assertThat(atA.server()).isEqualTo(a.hostPort());
    assertThat(atA.queueDepth()).isZero();
    assertThat(a.admin().eventsStoredByAgent()).containsEntry(AGENT, (long) sent.size());
  }

  /**
   * The agent's last ASCI, after {@code left} (when A stopped serving), was at B, emptied its queue
   * and was recorded by B; B and the database hold every event sent, each once.
   */
  private void assertEveryEventStoredOnceByB(Instant left) throws Exception {
    StatusView status = agent.status();
    assertThat(status.lastOutcome()).isEqualTo("ok");
    assertThat(status.server()).isEqualTo(b.hostPort());
    assertThat(status.lastAsci()).isAfter(left);
    assertThat(status.queueDepth()).isZero();
    assertThat(status.eventsDropped()).isZero();
    assertThat(b.admin().reported().get(AGENT))
        .as("B recorded the status report of the agent's last ASCI")
        .isAfter(left);
    assertThat(b.admin().eventsStoredByAgent()).containsEntry(AGENT, (long) sent.size());
    assertThat(b.admin().eventStore().eventsStored()).isEqualTo(sent.size());
    assertThat(storedEventIds())
        .as("each event stored once")
        .hasSize(sent.size())
        .containsExactlyInAnyOrderElementsOf(sent);
  }

  /** A {@code relay-agent server} instance of this test, its port read from what it printed. */
  private record Server(Process process, int port, ServerAdmin admin) {
    String hostPort() {
      return LOOPBACK + ":" + port;
    }
  }

  /** {@code relay-agent server --dir DIR --database URL --bind 127.0.0.1 --port 0}. */
  private Server startServer(String name, Path serverDir) throws IOException {
    Path log = dir.resolve("server-" + name + ".log");
    List<String> args =
        new ArrayList<>(
            List.of("server", "--dir", serverDir.toString(), "--bind", LOOPBACK, "--port", "0"));
    args.addAll(databaseOptions());
    Process process = processes.start(JavaHosts.relayAgent(args.toArray(String[]::new)), log);
    int port =
        await("server " + name + " listens")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> listeningPort(process, log), Optional::isPresent)
            .orElseThrow();
    return new Server(
        process, port, ServerAdmin.onLoopback("https://" + LOOPBACK + ":" + port, serverDir));
  }

  /** The port the server printed, once it did; fails at once if it stopped instead. */
  private static Optional<Integer> listeningPort(Process process, Path log) throws IOException {
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Matcher listening = LISTENING.matcher(output);
    if (listening.find()) {
      return Optional.of(Integer.parseInt(listening.group(1)));
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("the server exited (" + process.exitValue() + "): " + output);
    }
    return Optional.empty();
  }

  /**
   * The tests' database as a site gives it: the URL without credentials, the user, and the password
   * in an owner-only file ({@code relay-agent server} refuses a password on its command line).
   */
  private List<String> databaseOptions() throws IOException {
    String[] urlAndQuery = database.split("\\?", 2);
    List<String> kept = new ArrayList<>();
    List<String> options = new ArrayList<>();
    String user = null;
    String password = null;
    for (String parameter : urlAndQuery.length > 1 ? urlAndQuery[1].split("&") : new String[0]) {
      if (parameter.startsWith("user=")) {
        user = parameter.substring("user=".length());
      } else if (parameter.startsWith("password=")) {
        password = parameter.substring("password=".length());
      } else {
        kept.add(parameter);
      }
    }
    options.addAll(
        List.of(
            "--database", urlAndQuery[0] + (kept.isEmpty() ? "" : "?" + String.join("&", kept))));
    if (user != null) {
      options.addAll(List.of("--database-user", user));
    }
    if (password != null) {
      Path file = dir.resolve("database-password");
      if (!Files.exists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
      }
      options.addAll(List.of("--database-password-file", file.toString()));
    }
    return options;
  }

  /** {@code relay-agent run} with the agent's certificate, the policy and the SiteList. */
  private RelayAgentCli startAgent(HostFiles files, String policy, String siteList)
      throws IOException {
    Path state = files.host(dir.resolve(AGENT), AGENT, policy, siteList);
    processes.start(
        JavaHosts.relayAgent(HostFiles.runArguments(state)), dir.resolve(AGENT + ".log"));
    return new RelayAgentCli(state);
  }

  /** Queues {@value #EVENTS_PER_STEP} events with {@code relay-agent event send}, each durable. */
  private void queueEvents(String step) {
    for (int i = 0; i < EVENTS_PER_STEP; i++) {
      String json = "{\"step\":\"%s\",\"n\":%d}".formatted(step, i);
      sent.add(agent.sendEvent("detection", json));
    }
  }

  /** The ids of the agent's events in the database, as many times as each is stored. */
  private List<String> storedEventIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database);
        PreparedStatement statement =
            connection.prepareStatement("SELECT event_id FROM events WHERE agent_id = ?")) {
      statement.setString(1, AGENT);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  /** Copies the directory {@code from} to {@code to}, leaving out its subdirectory {@code skip}. */
  private static void copyWithout(Path from, Path to, String skip) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path relative = from.relativize(path);
        if (relative.startsWith(skip)) {
          continue;
        }
        // Attributes too: the key and the admin token stay owner-only.
        Files.copy(path, to.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
