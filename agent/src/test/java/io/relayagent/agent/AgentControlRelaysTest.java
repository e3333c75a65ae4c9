package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.agent.connect.RelayFailures;
import io.relayagent.agent.connect.RelayUses;
import io.relayagent.agent.identity.CertificateStatus;
import io.relayagent.mesh.client.RelayFailure;
import io.relayagent.mesh.client.RelayRefusedException;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelays;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer to {@code relays}: each relay in order with its last failure, then the dropped. */
class AgentControlRelaysTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final RelayFailures failures = new RelayFailures(clock);
  private final RelayUses uses = new RelayUses();

  @Test
  void relays_eachCachedRelayCarriesItsLastFailure_theOneInUseNone() throws Exception {
    KnownRelay good = discovered("relay-good", 10);
    KnownRelay bad = discovered("relay-bad", 11);
    failures.record(
        route(bad), bad.source(), new RelayRefusedException(403, "not in its SiteList", "x"));
    clock.advance(Duration.ofSeconds(5));
    failures.record(
        route(bad),
        bad.source(),
        new RelayRefusedException(502, "connection refused by epo:443", "x"));

    ControlRelays answer =
        AgentControl.relays(List.of(good, bad), status("relay relay-good"), failures.all(), uses);

    assertThat(answer.relays())
        .extracting(ControlRelay::relayId)
        .containsExactly("relay-good", "relay-bad");
    assertThat(answer.relays().get(0).state()).isEqualTo("in use");
    assertThat(answer.relays().get(0).lastFailure()).isNull();
    assertThat(answer.relays().get(1).lastFailure())
        .satisfies(
            failure -> {
              assertThat(failure.kind()).isEqualTo("upstream-failed");
              assertThat(failure.detail()).isEqualTo("502: connection refused by epo:443");
              assertThat(failure.at()).isEqualTo("2026-03-02T10:00:05Z");
            });
  }

  @Test
  void relays_aFailedRelayNoLongerCached_isListedLastAsDropped() throws Exception {
    KnownRelay good = discovered("relay-good", 10);
    KnownRelay gone = discovered("relay-gone", 12);
    failures.record(route(gone), gone.source(), new ConnectException("Connection refused"));

    ControlRelays answer =
        AgentControl.relays(List.of(good), status("relay relay-good"), failures.all(), uses);

    assertThat(answer.relays())
        .extracting(ControlRelay::relayId)
        .containsExactly("relay-good", "relay-gone");
    ControlRelay dropped = answer.relays().get(1);
    assertThat(dropped.state()).isEqualTo("dropped");
    assertThat(dropped.source()).isEqualTo("discovered");
    assertThat(dropped.address()).isEqualTo("10.0.0.12");
    assertThat(dropped.firstSeen()).isNull();
    assertThat(dropped.lastFailure().kind()).isEqualTo("unreachable");
  }

  @Test
  void relays_asJson_carriesLastFailureAsAnObjectOrNull() throws IOException {
    KnownRelay good = discovered("relay-good", 10);
    KnownRelay bad = discovered("relay-bad", 11);
    failures.record(
        route(bad),
        bad.source(),
        RelayFailure.lacksContent("big.dat", 404, "upstream has no such object (404)", T0));

    String json =
        ProtocolJson.writeString(
            AgentControl.relays(
                List.of(good, bad), status("relay relay-good"), failures.all(), uses));

    assertThat(json)
        .contains("\"lastFailure\":null")
        .contains(
            "\"lastFailure\":{\"kind\":\"lacks-content\",\"detail\":\"lacks content: big.dat"
                + " answered 404 (upstream has no such object (404))\",\"at\":\"2026-03-02T10:00:00Z\"}");
    assertThat(
            ProtocolJson.read(json.getBytes(StandardCharsets.UTF_8), 1 << 20, ControlRelays.class))
        .isEqualTo(
            AgentControl.relays(
                List.of(good, bad), status("relay relay-good"), failures.all(), uses));
  }

  @Test
  void relays_staticRelayConfiguredByName_isListedByThatName() {
    KnownRelay edge =
        new KnownRelay(
            "edge.example.test:8083",
            InetSocketAddress.createUnresolved("edge.example.test", 8083),
            KnownRelay.Source.STATIC,
            Duration.ZERO,
            T0,
            0,
            0);
    failures.record(route(edge), edge.source(), new ConnectException("Connection refused"));

    ControlRelays answer =
        AgentControl.relays(List.of(edge), status("direct"), failures.all(), uses);

    assertThat(answer.relays())
        .singleElement()
        .satisfies(
            relay -> {
              assertThat(relay.address()).isEqualTo("edge.example.test");
              assertThat(relay.source()).isEqualTo("static");
              assertThat(relay.lastFailure().kind()).isEqualTo("unreachable");
            });
  }

  @Test
  void relays_relayFoundDuringTheAsciThatUsedIt_lastUsedIsWhenTheAsciEndedNotBeforeFirstSeen() {
    // The ASCI began at T0, its direct path failed, and the relay it then used answered at T0+3s.
    KnownRelay found = discovered("relay-found", 10, T0.plusSeconds(3));
    uses.record("relay-found", T0.plusSeconds(4));

    ControlRelay row =
        AgentControl.relays(List.of(found), status("relay relay-found"), failures.all(), uses)
            .relays()
            .get(0);

    assertThat(row.state()).isEqualTo("in use");
    assertThat(row.firstSeen()).isEqualTo("2026-03-02T10:00:03Z");
    assertThat(row.lastUsed()).isEqualTo("2026-03-02T10:00:04Z");
  }

  @Test
  void relays_relayUsedThenDroppedAndFoundAgain_showsNoLastUseBeforeItsFirstSighting() {
    uses.record("relay-back", T0);
    KnownRelay back = discovered("relay-back", 10, T0.plusSeconds(600));

    ControlRelay row =
        AgentControl.relays(List.of(back), status("direct"), failures.all(), uses).relays().get(0);

    assertThat(row.firstSeen()).isEqualTo("2026-03-02T10:10:00Z");
    assertThat(row.lastUsed()).isNull();
    assertThat(row.state()).isEqualTo("cached");
  }

  private static KnownRelay discovered(String id, int host) {
    return discovered(id, host, T0);
  }

  private static KnownRelay discovered(String id, int host, Instant firstSeen) {
    return new KnownRelay(
        id,
        new InetSocketAddress("10.0.0." + host, 8083),
        KnownRelay.Source.DISCOVERED,
        Duration.ofMillis(2),
        firstSeen,
        1,
        500);
  }

  private static Route.ViaRelay route(KnownRelay relay) {
    return new Route.ViaRelay(relay.relayId(), relay.tunnelAddress());
  }

  private static AgentStatus status(String route) {
    return new AgentStatus(
        "agent-1",
        "relay",
        route,
        "epo:443",
        T0,
        "ok",
        0,
        0,
        "ab12",
        1,
        new io.relayagent.protocol.control.RelayCapabilityStatus(false, false, 0, 0, false, 0),
        new CertificateStatus("valid", "agent-1", "agent", null, null, null),
        io.relayagent.agent.proxy.EffectiveProxy.of(
            io.relayagent.config.ProxyPolicy.defaults(),
            new io.relayagent.agent.proxy.LocalProxy.None()));
  }
}
