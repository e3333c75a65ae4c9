package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.relayagent.cli.CliRun;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelayFailure;
import io.relayagent.protocol.control.ControlRelays;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.testkit.FakeUpstream;
import io.relayagent.trust.Credential;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code relay-agent relays} says, for each relay, why it is not the one in use, with real relays,
 * sockets and TLS on loopback. One agent, whose direct path is blocked, meets static relays that
 * fail in each way a relay can, in one ASCI, before it discovers the relay that works; each test
 * reads one relay's line of the command's table and its member of {@code --json}.
 */
class RelayDiagnosticsTest {

  @TempDir static Path dir;

  private static DemoWorld world;
  private static FakeUpstream hanging;
  private static int refusingPort;
  private static int badGatewayPort;
  private static int goodPort;
  private static Path agentState;
  private static AgentStatus status;
  private static final List<String> progress = new CopyOnWriteArrayList<>();
  private static final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private static String table;
  private static ControlRelays json;

  @BeforeAll
  static void oneAsciPastEveryKindOfFailingRelay() throws Exception {
    world =
        DemoWorld.create(
            dir, List.of("relay-good", "relay-refusing", "relay-bad-gateway", "agent-1"));
    world.startServer();
    // Accepts TCP and never answers: the TLS handshake never ends.
    hanging = FakeUpstream.start(FakeUpstream.Mode.HANGS);
    world.host("relay-good", world.policy().relay().xml());
    goodPort = DemoWorld.tunnelPort(world.start("relay-good"));
    // Its SiteList names another server: it refuses CONNECT to this world's server with 403.
    world.host("relay-refusing", world.policy().relay().xml(), hanging.port());
    refusingPort = DemoWorld.tunnelPort(world.start("relay-refusing"));
    // Its upstream proxy is down: it answers CONNECT with 502 and its reason.
    world.host("relay-bad-gateway", world.policy().relay().deadProxy().xml());
    badGatewayPort = DemoWorld.tunnelPort(world.start("relay-bad-gateway"));
    agentState =
        world.host(
            "agent-1",
            world
                .policy()
                .deadProxy()
                .staticRelay(hanging.port())
                .staticRelay(refusingPort)
                .staticRelay(badGatewayPort)
                // The good relay at an address its certificate does not name.
                .staticRelay("127.0.0.2", goodPort)
                .xml());
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    try {
      status = world.start("agent-1", progress::add).firstAsci().get(90, TimeUnit.SECONDS);
    } finally {
      root.detachAppender(log);
    }
    CliRun text = CliRun.run("relays", "--state-dir", agentState.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    table = text.out();
    CliRun asJson = CliRun.run("relays", "--state-dir", agentState.toString(), "--json");
    assertThat(asJson.exitCode()).as(asJson.err()).isZero();
    json =
        ProtocolJson.read(
            asJson.out().getBytes(StandardCharsets.UTF_8), 1 << 20, ControlRelays.class);
  }

  @AfterAll
  static void stop() throws Exception {
    if (world != null) {
      world.close();
    }
    if (hanging != null) {
      hanging.close();
    }
  }

  @Test
  void asci_endsOnTheWorkingRelay() {
    assertThat(status.lastOutcome()).as("lines: %s", progress).isEqualTo("ok");
    assertThat(status.route()).isEqualTo("relay relay-good");
    assertThat(row("relay-good").state()).isEqualTo("in use");
  }

  @Test
  void relays_relayWithoutTheServerInItsSiteList_saysRefused403WithItsReason() {
    ControlRelayFailure failure = failureOf("127.0.0.1:" + refusingPort);

    assertThat(failure.kind()).isEqualTo("refused");
    assertThat(failure.detail()).startsWith("refused 403: not a site of this relay's SiteList: ");
    assertRecent(failure);
    assertThat(tableLine("127.0.0.1:" + refusingPort)).contains(failure.detail());
  }

  @Test
  void relays_relayWhoseUpstreamIsDown_says502WithTheRelaysReason() {
    ControlRelayFailure failure = failureOf("127.0.0.1:" + badGatewayPort);

    assertThat(failure.kind()).isEqualTo("upstream-failed");
    // The relay's own words, from its refusal's body: what it could not reach, and why.
    assertThat(failure.detail()).startsWith("502: ").contains("localhost:" + world.server().port());
    assertRecent(failure);
    assertThat(tableLine("127.0.0.1:" + badGatewayPort)).contains(failure.detail());
  }

  @Test
  void relays_relayThatAcceptsTcpAndNeverAnswers_saysTimedOut() {
    ControlRelayFailure failure = failureOf("127.0.0.1:" + hanging.port());

    assertThat(failure.kind()).isEqualTo("timed-out");
    assertThat(failure.detail()).startsWith("timed out: ");
    assertRecent(failure);
    assertThat(tableLine("127.0.0.1:" + hanging.port())).contains(failure.detail());
  }

  @Test
  void relays_relayDialledAtAnAddressItsCertificateLacks_saysTheTlsCause() {
    ControlRelayFailure failure = failureOf("127.0.0.2:" + goodPort);

    assertThat(failure.kind()).isEqualTo("tls");
    assertThat(failure.detail())
        .startsWith("TLS failure: certificate \"CN=relay-good")
        .contains("refused: has no IP SAN 127.0.0.2 (its subject alternative names: ")
        .doesNotContain("General OpenSslEngine problem");
    assertRecent(failure);
    assertThat(tableLine("127.0.0.2:" + goodPort)).contains(failure.detail());
  }

  @Test
  void asci_tlsFailure_isOneLineWithItsCauseAndNoStackTrace() {
    assertThat(progress)
        .as("the ASCI's line for the relay at 127.0.0.2")
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("via relay 127.0.0.2:" + goodPort + ": TLS failure: certificate")
                    .contains("has no IP SAN 127.0.0.2")
                    .doesNotContain("\n"));
    assertThat(log.list)
        .as("nothing was logged with a stack trace or the engine's generic message")
        .noneSatisfy(
            event -> {
              assertThat(event.getLevel().isGreaterOrEqual(Level.WARN)).isTrue();
              assertThat(event.getThrowableProxy()).isNotNull();
            })
        .noneSatisfy(
            event -> assertThat(event.getFormattedMessage()).contains("OpenSslEngine problem"));
  }

  @Test
  void relays_tableHasAFailedColumnAndAWhyLinePerFailedRelay() {
    assertThat(table.lines().findFirst().orElseThrow())
        .contains("RELAY", "STATE", "LOAD", "FAILED");
    assertThat(table).contains("RELAY", "WHEN", "LAST_FAILURE");
    assertThat(table.lines().filter(line -> line.contains("relay-good")).findFirst().orElseThrow())
        .as("the relay in use has no failure")
        .contains("in use")
        .endsWith("-");
  }

  @Test
  void dropped_relayThatDropsADownloadMidTransfer_saysDroppedMidTransfer() throws Exception {
    // A relay of its own world: the content cache of the first lacks the file, the second is a
    // stand-in for a relay (TLS with a relay's certificate) that sends half the file and hangs up.
    try (DemoWorld world2 =
            DemoWorld.create(dir.resolve("drops"), List.of("relay-nocache", "relay-drops", "a-2"));
        FakeUpstream dropper =
            FakeUpstream.startTls(
                FakeUpstream.Mode.ANSWERS, FakeUpstream.serverTls(key(world2), chain(world2)))) {
      world2.startServer();
      world2.host("relay-nocache", world2.policy().relay().noContentCache().xml());
      int noCachePort = DemoWorld.tunnelPort(world2.start("relay-nocache"));
      byte[] content = world2.addContent("big.dat", 1 << 20);
      String path = "/content/demo-server/repo/big.dat";
      dropper.put(path, content);
      dropper.mode(path, FakeUpstream.Mode.DROPS_MID_BODY);
      Path state =
          world2.host(
              "a-2",
              world2
                  .policy()
                  .deadProxy()
                  .staticRelay(noCachePort)
                  .staticRelay(dropper.port())
                  .xml());
      List<String> lines = new CopyOnWriteArrayList<>();

      AgentStatus outcome = world2.start("a-2", lines::add).firstAsci().get(60, TimeUnit.SECONDS);

      assertThat(lines)
          .contains(
              "connected to localhost:"
                  + world2.server().port()
                  + " (relay 127.0.0.1:"
                  + noCachePort
                  + ")");
      assertThat(outcome.lastOutcome()).as("lines: %s", lines).contains("cannot download big.dat");
      CliRun relays = CliRun.run("relays", "--state-dir", state.toString(), "--json");
      ControlRelays answer =
          ProtocolJson.read(
              relays.out().getBytes(StandardCharsets.UTF_8), 1 << 20, ControlRelays.class);
      ControlRelayFailure dropped = failureOf(answer, "127.0.0.1:" + dropper.port());
      assertThat(dropped.kind()).isEqualTo("dropped");
      assertThat(dropped.detail())
          .matches("dropped mid-transfer: big\\.dat after [0-9]+ of " + (1 << 20) + " bytes");
      ControlRelayFailure lacks = failureOf(answer, "127.0.0.1:" + noCachePort);
      assertThat(lacks.kind()).isEqualTo("lacks-content");
      assertThat(lacks.detail())
          .isEqualTo("lacks content: big.dat answered 404 (this relay has no content cache)");
      assertThat(CliRun.run("relays", "--state-dir", state.toString()).out())
          .contains(dropped.detail(), lacks.detail());
    }
  }

  private static ControlRelay row(String relayId) {
    return json.relays().stream()
        .filter(relay -> relay.relayId().equals(relayId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(relayId + " not listed: " + json));
  }

  private static ControlRelayFailure failureOf(String relayId) {
    return failureOf(json, relayId);
  }

  private static ControlRelayFailure failureOf(ControlRelays relays, String relayId) {
    ControlRelay relay =
        relays.relays().stream()
            .filter(r -> r.relayId().equals(relayId))
            .findFirst()
            .orElseThrow(() -> new AssertionError(relayId + " not listed: " + relays));
    assertThat(relay.lastFailure()).as("%s's last failure", relayId).isNotNull();
    return relay.lastFailure();
  }

  private static void assertRecent(ControlRelayFailure failure) {
    assertThat(Instant.parse(failure.at())).isBetween(status.lastAsci(), Instant.now());
  }

  /** The line of the command's "why" table for {@code relayId}. */
  private static String tableLine(String relayId) {
    return table
        .lines()
        .filter(line -> line.startsWith(relayId + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(relayId + " has no line:\n" + table));
  }

  private static Credential relayIdentity(DemoWorld w) throws Exception {
    Path ca = w.caDirectory();
    return TrustMaterial.load(
            TrustFiles.trusting(ca.resolve("ca.pem"))
                .withIdentity(ca.resolve("relay-drops.pem"), ca.resolve("relay-drops-key.pem")))
        .identity()
        .orElseThrow();
  }

  private static java.security.PrivateKey key(DemoWorld w) throws Exception {
    return relayIdentity(w).privateKey();
  }

  private static List<java.security.cert.X509Certificate> chain(DemoWorld w) throws Exception {
    return relayIdentity(w).chain();
  }
}
