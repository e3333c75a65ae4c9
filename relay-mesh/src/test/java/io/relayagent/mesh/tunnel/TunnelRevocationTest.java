package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.LiveTrust;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Revocation;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation reaches a running relay: its trust is a {@link LiveTrust} that follows the CRL file,
 * so a revoked agent's next tunnel is refused at the handshake, and {@link
 * TunnelServer#trustChanged} closes the tunnel it already has open.
 */
class TunnelRevocationTest {

  private static final String REVOKED = "agent-revoked";

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @TempDir Path dir;
  private LoopbackPki pki;
  private LiveTrust relayTrust;
  private FakeUpstream echo;

  @BeforeEach
  void hosts() throws Exception {
    pki =
        LoopbackPki.create(dir.resolve("ca"), "CN=Revocation tests CA")
            .issue(Role.RELAY, RelayFixture.RELAY)
            .issue(Role.AGENT, RelayFixture.AGENT)
            .issue(Role.AGENT, REVOKED)
            .issue(Role.AGENT, "agent-retired");
    // The relay reads a CRL from the start, as a relay whose policy carries one does.
    new Revocation(pki.directory()).revoke("agent-retired");
    relayTrust = LiveTrust.load(pki.files(RelayFixture.RELAY).withCrl(pki.directory().crl()));
    echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
  }

  @AfterEach
  void stop() throws Exception {
    echo.close();
  }

  @Test
  void connect_afterAgentRevoked_isRefusedAtHandshake() throws Exception {
    try (RelayFixture relay = start()) {
      try (RawClient agent = as(relay, REVOKED)) {
        assertThat(connect(agent).status()).isEqualTo(200);
      }

      new Revocation(pki.directory()).revoke(REVOKED);
      assertThat(relayTrust.reloadIfChanged()).isTrue();

      int before = echo.accepted();
      assertThatThrownBy(
              () -> {
                try (RawClient agent = as(relay, REVOKED)) {
                  connect(agent);
                }
              })
          .isInstanceOf(IOException.class);
      assertThat(echo.accepted()).isEqualTo(before);
      assertThat(logs.linesContaining("TLS handshake with"))
          .singleElement()
          .asString()
          .contains("revoked");
      // Others are not touched.
      try (RawClient agent = as(relay, RelayFixture.AGENT)) {
        assertThat(connect(agent).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void trustChanged_closesOpenTunnelOfRevokedAgentOnly() throws Exception {
    try (RelayFixture relay = start();
        RawClient revoked = as(relay, REVOKED);
        RawClient kept = as(relay, RelayFixture.AGENT)) {
      assertThat(connect(revoked).status()).isEqualTo(200);
      assertThat(connect(kept).status()).isEqualTo(200);
      assertThat(relay.server.trustChanged()).isZero();

      new Revocation(pki.directory()).revoke(REVOKED);
      relayTrust.reloadIfChanged();

      assertThat(relay.server.trustChanged()).isEqualTo(1);
      assertThat(revoked.closedByPeer()).isTrue();
      assertThat(logs.linesContaining("is no longer accepted"))
          .singleElement()
          .asString()
          .contains(REVOKED)
          .contains("revoked");
      // The other agent's tunnel still carries bytes.
      kept.send("still here");
      assertThat(new String(kept.readExactly(10), StandardCharsets.US_ASCII))
          .isEqualTo("still here");
    }
  }

  private String site() {
    return "127.0.0.1:" + echo.port();
  }

  private RelayFixture start() throws Exception {
    return RelayFixture.start(
        pki,
        relayTrust,
        // A fresh JVM's first handshake with a CRL to load can take seconds on a loaded machine.
        RelayFixture.settings().withHeadTimeout(Duration.ofSeconds(10)),
        null,
        site());
  }

  private RawClient as(RelayFixture relay, String agent) throws Exception {
    return relay.connect(RelayFixture.toRelay(pki.material(agent)));
  }

  private RawClient.Answer connect(RawClient agent) throws IOException {
    return agent
        .send("CONNECT " + site() + " HTTP/1.1\r\nHost: " + site() + "\r\n\r\n")
        .readAnswer(true);
  }
}
