package io.relayagent.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.config.TrustPolicy;
import io.relayagent.testkit.MutableClock;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.Revocation;
import io.relayagent.trust.Role;
import io.relayagent.trust.Rollover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's certificate files: opening, renewal due, and a renewal a crash interrupted. */
class AgentCertificateTest {
  @TempDir Path dir;
  private LoopbackPki pki;
  private Path state;
  private IdentityFiles files;

  @BeforeEach
  void setUp() throws Exception {
    pki =
        LoopbackPki.create(dir.resolve("ca"), "CN=Test Root,O=Tests").issue(Role.AGENT, "agent-1");
    state = dir.resolve("state");
    files = IdentityFiles.of(TrustPolicy.defaults(), dir, state);
    Files.createDirectories(state.resolve("trust"));
    copy(pki.directory().trustBundle(), files.bundleFile());
  }

  private void installAgentCertificate() throws IOException {
    copy(pki.directory().certificate("agent-1"), files.certificateChain());
    copy(pki.directory().privateKey("agent-1"), files.privateKey());
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void open_noCertificateAndNoToken_saysWhereEachGoes() {
    assertThatThrownBy(() -> AgentCertificate.open(files, new MutableClock()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("agent.pem")
        .hasMessageContaining("enrollment-token");
  }

  @Test
  void open_tokenOnly_isNotEnrolledAndKeepsOneNameAcrossRestarts() throws Exception {
    Files.writeString(files.enrollmentToken(), "secret\n");

    AgentCertificate first = AgentCertificate.open(files, new MutableClock());
    AgentCertificate again = AgentCertificate.open(files, new MutableClock());

    assertThat(first.enrolled()).isFalse();
    assertThat(first.name()).matches("[a-z0-9-]+-[0-9a-f]{8}").isEqualTo(again.name());
    assertThat(first.status().state()).startsWith("not enrolled");
    assertThat(first.trust().current().identity()).isEmpty();
  }

  @Test
  void open_administratorsName_isTheEnrollmentName() throws Exception {
    Files.writeString(files.enrollmentToken(), "secret");
    Files.writeString(files.nameFile(), "kiosk-7\n");

    assertThat(AgentCertificate.open(files, new MutableClock()).name()).isEqualTo("kiosk-7");
  }

  @Test
  void identityFiles_policyNamingOnlyACrl_usesThatCrl() throws Exception {
    installAgentCertificate();
    Path crl = dir.resolve("site-crl.pem");
    copy(pki.directory().crl(), crl);
    TrustPolicy onlyCrl =
        new TrustPolicy(
            List.of(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.of(Path.of("site-crl.pem")));

    IdentityFiles withCrl = IdentityFiles.of(onlyCrl, dir, state);

    assertThat(withCrl.trustFiles().crlFile()).isEqualTo(crl);
    assertThat(withCrl.certificateChain()).isEqualTo(files.certificateChain());
  }

  @Test
  void applyFiles_crlAddedByAPolicyChange_revokedPeersAreRefusedAtOnce() throws Exception {
    installAgentCertificate();
    pki.issue(Role.RELAY, "relay-9");
    new io.relayagent.trust.Revocation(pki.directory()).revoke("relay-9");
    AgentCertificate agent =
        AgentCertificate.open(files, new MutableClock(java.time.Instant.now()));
    List<X509Certificate> relayChain =
        PemFiles.readCertificates(pki.directory().certificate("relay-9"));
    io.relayagent.trust.ChainVerifier verifier =
        new io.relayagent.trust.ChainVerifier(agent.trust(), java.time.Clock.systemUTC());
    verifier.verify(relayChain, Role.RELAY); // no CRL yet: accepted

    Path crl = dir.resolve("site-crl.pem");
    copy(pki.directory().crl(), crl);
    agent.applyFiles(
        IdentityFiles.of(
            new TrustPolicy(
                List.of(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.of(crl)),
            dir,
            state));

    assertThatThrownBy(() -> verifier.verify(relayChain, Role.RELAY))
        .hasMessageContaining("revoked");
  }

  @Test
  void renewalReason_beforeAndAfterTwoThirdsOfTheLife() throws Exception {
    installAgentCertificate();
    X509Certificate certificate = PemFiles.readCertificates(files.certificateChain()).get(0);
    MutableClock clock = new MutableClock(certificate.getNotBefore().toInstant());
    AgentCertificate agent = AgentCertificate.open(files, clock);

    assertThat(agent.renewalReason()).isEmpty();
    assertThat(agent.status().state()).isEqualTo("enrolled");

    clock.set(AgentCertificate.renewAfter(certificate).plus(Duration.ofSeconds(1)));

    assertThat(agent.renewalReason()).contains("two thirds of its life have passed");
    assertThat(agent.status().state()).startsWith("renewal due");
    assertThat(agent.status().expires()).isEqualTo(certificate.getNotAfter().toInstant());
  }

  @Test
  void renewalReason_rootRolledOver_certificateOfThePreviousRootIsDueOneAsciIntervalLater()
      throws Exception {
    installAgentCertificate(); // issued by the root before the rollover
    new Rollover(pki.directory())
        .renew(false, Duration.ofDays(365), CertificateAuthority.DEFAULT_VALIDITY, null, false);
    copy(pki.directory().trustBundle(), files.bundleFile()); // new root first, then the old
    MutableClock clock = new MutableClock(java.time.Instant.now());
    AgentCertificate agent = AgentCertificate.open(files, clock);
    agent.rolloverGrace(Duration.ofMinutes(60));

    // Not at once: every host must have fetched the new bundle before certificates change.
    assertThat(agent.renewalReason()).isEmpty();
    assertThat(agent.status().state()).startsWith("enrolled (a new root CA is in use");

    clock.advance(Duration.ofMinutes(61));

    assertThat(agent.renewalReason()).contains("it is from the previous root CA");
  }

  @Test
  void recover_bothNextFilesWritten_putsThePairInPlace() throws Exception {
    installAgentCertificate();
    KeyPair keys = KeyAlgorithm.P256.generateKeyPair();
    List<X509Certificate> renewed = renewedChain(keys);
    PemFiles.writePrivateKey(files.nextPrivateKey(), keys.getPrivate(), true);
    PemFiles.writeCertificates(files.nextCertificateChain(), renewed, true);

    AgentCertificate agent = AgentCertificate.open(files, new MutableClock());

    assertThat(agent.trust().current().identity().orElseThrow().certificate())
        .isEqualTo(renewed.get(0));
    assertThat(files.nextPrivateKey()).doesNotExist();
    assertThat(files.nextCertificateChain()).doesNotExist();
  }

  @Test
  void recover_keyMovedCertificateNot_movesTheCertificate() throws Exception {
    installAgentCertificate();
    KeyPair keys = KeyAlgorithm.P256.generateKeyPair();
    List<X509Certificate> renewed = renewedChain(keys);
    PemFiles.writePrivateKey(files.privateKey(), keys.getPrivate(), true); // already moved
    PemFiles.writeCertificates(files.nextCertificateChain(), renewed, true);

    AgentCertificate agent = AgentCertificate.open(files, new MutableClock());

    assertThat(agent.trust().current().identity().orElseThrow().certificate())
        .isEqualTo(renewed.get(0));
  }

  @Test
  void recover_onlyANextKey_isDiscardedAndTheCurrentPairKept() throws Exception {
    installAgentCertificate();
    X509Certificate current = PemFiles.readCertificates(files.certificateChain()).get(0);
    PemFiles.writePrivateKey(
        files.nextPrivateKey(), KeyAlgorithm.P256.generateKeyPair().getPrivate(), true);

    AgentCertificate agent = AgentCertificate.open(files, new MutableClock());

    assertThat(agent.trust().current().identity().orElseThrow().certificate()).isEqualTo(current);
    assertThat(files.nextPrivateKey()).doesNotExist();
  }

  private List<X509Certificate> renewedChain(KeyPair keys) throws Exception {
    CaDirectory ca = pki.directory();
    return ca.loadAuthority()
        .issue(io.relayagent.trust.IssueRequest.of(Role.AGENT, "agent-1"), keys.getPublic());
  }

  /**
   * Regression: a relay never put the first CRL the server sent in force, so it kept accepting a
   * revoked agent's tunnel.
   */
  @Test
  void reloadIfChanged_crlAppearsAfterOpening_isPutInForce() throws Exception {
    installAgentCertificate();
    AgentCertificate certificate = AgentCertificate.open(files, new MutableClock());
    assertThat(certificate.trust().current().crls()).isEmpty();

    new Revocation(pki.directory()).revoke("agent-1");
    copy(pki.directory().crl(), files.crlFile());

    assertThat(certificate.reloadIfChanged()).isTrue();
    assertThat(certificate.trust().current().crls()).hasSize(1);
  }
}
