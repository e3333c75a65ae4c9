package io.relayagent.agent.wakeup;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.agent.wakeup.WakeupGate.Verdict;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.SignedWakeup;
import io.relayagent.protocol.wakeup.Wakeup;
import io.relayagent.testkit.MutableClock;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.Credential;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.OfferSigner;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustMaterial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WakeupGateTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.now());
  private LoopbackPki pki;
  private WakeupGate gate;

  @BeforeEach
  void setUp() throws Exception {
    pki =
        LoopbackPki.create(dir.resolve("ca"), "CN=Test Root,O=Tests")
            .issue(Role.SERVER, "server")
            .issue(Role.RELAY, "relay-1")
            .issue(Role.AGENT, "agent-1");
    gate = new WakeupGate("agent-1", pki.material("agent-1"), clock, 3);
  }

  @Test
  void check_signedByTheServer_isAccepted() throws Exception {
    assertThat(gate.check(serverSigned(wakeup("agent-1", Duration.ofMinutes(5)))))
        .isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void check_sameWakeupTwice_isReplayed() throws Exception {
    byte[] signed = serverSigned(wakeup("agent-1", Duration.ofMinutes(5)));

    assertThat(gate.check(signed)).isEqualTo(Verdict.ACCEPTED);
    clock.advance(Duration.ofMinutes(4));
    assertThat(gate.check(signed)).isEqualTo(Verdict.REPLAYED);
    clock.advance(Duration.ofMinutes(2));
    assertThat(gate.check(signed)).as("and once expired, expired").isEqualTo(Verdict.EXPIRED);
  }

  @Test
  void check_signedByARelayOfTheOrganisation_isRefused() throws Exception {
    Wakeup wakeup = wakeup("agent-1", Duration.ofMinutes(5));
    byte[] bytes = ProtocolJson.write(wakeup);
    TrustMaterial relay = pki.material("relay-1");
    byte[] signature = OfferSigner.of(relay).sign(bytes);
    byte[] signed =
        ProtocolJson.write(
            SignedWakeup.of(bytes, signature, encoded(relay.identity().orElseThrow())));

    assertThat(gate.check(signed)).isEqualTo(Verdict.NOT_SIGNED_BY_SERVER);
  }

  @Test
  void check_serverChainWithChangedBytes_isRefused() throws Exception {
    SignedWakeup genuine =
        ProtocolJson.read(
            serverSigned(wakeup("agent-1", Duration.ofMinutes(5))),
            SignedWakeup.MAX_BYTES,
            SignedWakeup.class);
    byte[] other = ProtocolJson.write(wakeup("agent-1", Duration.ofMinutes(5)));
    SignedWakeup forged = SignedWakeup.of(other, genuine.signatureBytes(), genuine.chainBytes());

    assertThat(gate.check(ProtocolJson.write(forged))).isEqualTo(Verdict.NOT_SIGNED_BY_SERVER);
  }

  @Test
  void check_forOtherAgentsOnly_isRefused() throws Exception {
    assertThat(gate.check(serverSigned(wakeup("agent-2", Duration.ofMinutes(5)))))
        .isEqualTo(Verdict.OTHER_AGENT);
  }

  @Test
  void check_expiredOrTooFarAhead_isRefused() throws Exception {
    assertThat(gate.check(serverSigned(wakeup("agent-1", Duration.ofSeconds(-1)))))
        .isEqualTo(Verdict.EXPIRED);
    assertThat(gate.check(serverSigned(wakeup("agent-1", Duration.ofHours(2)))))
        .isEqualTo(Verdict.TOO_FAR_AHEAD);
  }

  @Test
  void check_notJson_isMalformed() {
    assertThat(gate.check("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void check_moreLiveNoncesThanItKeeps_refusesUntilOneExpires() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(gate.check(serverSigned(wakeup("agent-1", Duration.ofMinutes(5)))))
          .isEqualTo(Verdict.ACCEPTED);
    }
    assertThat(gate.check(serverSigned(wakeup("agent-1", Duration.ofMinutes(10)))))
        .isEqualTo(Verdict.TOO_MANY);

    clock.advance(Duration.ofMinutes(6));
    assertThat(gate.check(serverSigned(wakeup("agent-1", Duration.ofMinutes(5)))))
        .isEqualTo(Verdict.ACCEPTED);
  }

  private Wakeup wakeup(String agentId, Duration lifetime) {
    return new Wakeup(
        List.of("agent-0", agentId),
        UUID.randomUUID().toString(),
        clock.instant().plus(lifetime).toString());
  }

  private byte[] serverSigned(Wakeup wakeup) throws Exception {
    byte[] bytes = ProtocolJson.write(wakeup);
    ContentSignatures.Signer signer = ContentSignatures.signer(pki.material("server"));
    List<byte[]> chain = new ArrayList<>();
    for (X509Certificate certificate : signer.chain()) {
      chain.add(certificate.getEncoded());
    }
    return ProtocolJson.write(SignedWakeup.of(bytes, signer.sign(bytes), chain));
  }

  private static List<byte[]> encoded(Credential identity) throws CertificateEncodingException {
    List<byte[]> chain = new ArrayList<>();
    for (X509Certificate certificate : identity.chain()) {
      chain.add(certificate.getEncoded());
    }
    return chain;
  }
}
