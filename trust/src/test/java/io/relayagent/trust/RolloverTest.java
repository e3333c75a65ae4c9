package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renewal with and without a new root, and that nothing loses its connection meanwhile. */
class RolloverTest {
  private static final Duration YEAR = Duration.ofDays(365);

  @TempDir Path dir;
  private LoopbackPki pki;
  private X509Certificate oldRoot;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.all(dir);
    oldRoot = pki.authority().certificate();
  }

  @Test
  void renew_keepingTheRoot_reissuesEveryNameUnderTheSameRoot() throws Exception {
    byte[] root = Files.readAllBytes(pki.directory().caCertificate());
    X509Certificate oldAgent = certificate(pki.directory().certificate("agent-1"));

    Rollover.Result result = new Rollover(pki.directory()).renew(true, YEAR, YEAR, null, false);

    assertThat(result.newRoot()).isFalse();
    assertThat(result.renewed()).containsExactly("agent-1", "mgmt", "relay-1");
    assertThat(Files.readAllBytes(pki.directory().caCertificate())).isEqualTo(root);
    assertThat(PemFiles.readCertificates(pki.directory().trustBundle())).containsExactly(oldRoot);
    X509Certificate newAgent = certificate(pki.directory().certificate("agent-1"));
    assertThat(newAgent.getSerialNumber()).isNotEqualTo(oldAgent.getSerialNumber());
    assertThat(newAgent.getPublicKey()).isNotEqualTo(oldAgent.getPublicKey());
    assertThat(CertificateInfo.of(newAgent).subjectAlternativeNames())
        .isEqualTo(CertificateInfo.of(oldAgent).subjectAlternativeNames());
    assertThat(certificate(pki.directory().previous().resolve("agent-1.pem"))).isEqualTo(oldAgent);
    ChainVerifier verifier = new ChainVerifier(pki.material("mgmt"), Clock.systemUTC());
    verifier.verify(List.of(newAgent), Role.AGENT);
    verifier.verify(List.of(oldAgent), Role.AGENT);
  }

  @Test
  void renew_withNewRoot_bundlesOldAndNewRoot_andKeepsTheOldRootsCrl() throws Exception {
    Rollover.Result result = new Rollover(pki.directory()).renew(false, YEAR, YEAR, null, false);

    X509Certificate newRoot = pki.authority().certificate();
    assertThat(result.newRoot()).isTrue();
    assertThat(newRoot).isNotEqualTo(oldRoot);
    assertThat(newRoot.getSubjectX500Principal()).isEqualTo(oldRoot.getSubjectX500Principal());
    assertThat(PemFiles.readCertificates(pki.directory().trustBundle()))
        .containsExactly(newRoot, oldRoot);
    List<X509CRL> crls = PemFiles.readCrls(pki.directory().crl());
    assertThat(crls).hasSize(2);
    crls.get(0).verify(newRoot.getPublicKey());
    crls.get(1).verify(oldRoot.getPublicKey());
    assertThat(certificate(pki.directory().previous().resolve("ca.pem"))).isEqualTo(oldRoot);
    certificate(pki.directory().certificate("mgmt")).verify(newRoot.getPublicKey());
    assertThat(new Rollover(pki.directory()).inProgress()).isTrue();
  }

  @Test
  void renew_withNewRoot_clientsTrustingTheBundleReachServersOnEitherSide() throws Exception {
    new Rollover(pki.directory()).renew(false, YEAR, YEAR, null, false);
    CaDirectory previous = new CaDirectory(pki.directory().previous(), Clock.systemUTC());
    TrustMaterial bundle = TrustMaterial.load(TrustFiles.trusting(pki.directory().trustBundle()));
    TrustMaterial newServer = identity(pki.directory(), "mgmt", pki.directory().trustBundle());
    TrustMaterial oldServer = identity(previous, "mgmt", pki.directory().trustBundle());
    TrustMaterial newAgent = identity(pki.directory(), "agent-1", pki.directory().trustBundle());
    TrustMaterial oldAgent = identity(previous, "agent-1", previous.caCertificate());

    assertThat(handshake(newServer, withIdentityOf(bundle, newAgent)).succeeded()).isTrue();
    assertThat(handshake(oldServer, withIdentityOf(bundle, newAgent)).succeeded()).isTrue();
    // A server on the new certificate still accepts an agent not yet renewed.
    assertThat(handshake(newServer, withIdentityOf(bundle, oldAgent)).succeeded()).isTrue();
    // Why the bundle matters: trusting only the new root refuses a server not yet renewed.
    TrustMaterial newRootOnly =
        TrustMaterial.load(
            TrustFiles.trusting(pki.directory().caCertificate())
                .withIdentity(
                    pki.directory().certificate("agent-1"), pki.directory().privateKey("agent-1")));
    assertThat(handshake(oldServer, newRootOnly).failureMessages())
        .contains("\"CN=mgmt,O=Relay Agent Tests\" refused: not issued by a trusted CA");
  }

  @Test
  void renew_whileARolloverIsInProgress_isRefusedUntilFinished() throws Exception {
    Rollover rollover = new Rollover(pki.directory());
    rollover.renew(false, YEAR, YEAR, null, false);
    byte[] root = Files.readAllBytes(pki.directory().caCertificate());

    assertThatThrownBy(() -> rollover.renew(false, YEAR, YEAR, null, false))
        .hasMessageStartingWith(pki.directory().trustBundle() + ": still holds the previous root");
    assertThat(Files.readAllBytes(pki.directory().caCertificate())).isEqualTo(root);

    assertThat(rollover.finish()).isTrue();
    assertThat(PemFiles.readCertificates(pki.directory().trustBundle()))
        .containsExactly(pki.authority().certificate());
    assertThat(PemFiles.readCrls(pki.directory().crl())).hasSize(1);
    assertThat(rollover.finish()).isFalse();
    assertThat(rollover.renew(false, YEAR, YEAR, null, false).newRoot()).isTrue();
  }

  @Test
  void renew_skipsRevokedCertificates() throws Exception {
    new Revocation(pki.directory()).revoke("relay-1");
    byte[] revoked = Files.readAllBytes(pki.directory().certificate("relay-1"));

    Rollover.Result result = new Rollover(pki.directory()).renew(true, YEAR, YEAR, null, false);

    assertThat(result.skipped()).isEqualTo(Map.of("relay-1", "revoked"));
    assertThat(result.renewed()).containsExactly("agent-1", "mgmt");
    assertThat(Files.readAllBytes(pki.directory().certificate("relay-1"))).isEqualTo(revoked);
  }

  @Test
  void renew_enrolledHostsWithoutTheirKeyHere_areLeftToRenewThemselves() throws Exception {
    CaDirectory ca = pki.directory();
    // Enrolled: the CA recorded the chain of a key it never saw.
    PemFiles.writeCertificates(
        ca.certificate("laptop-1"),
        pki.authority()
            .issue(
                IssueRequest.of(Role.AGENT, "laptop-1"),
                KeyAlgorithm.P256.generateKeyPair().getPublic()),
        false);
    // Issued by hand once, then enrolled again with a key of its own: the key here is stale.
    PemFiles.writeCertificates(
        ca.certificate("agent-1"),
        pki.authority()
            .issue(
                IssueRequest.of(Role.AGENT, "agent-1"),
                KeyAlgorithm.P256.generateKeyPair().getPublic()),
        true);
    byte[] enrolled = Files.readAllBytes(ca.certificate("laptop-1"));

    Rollover.Result result = new Rollover(ca).renew(false, YEAR, YEAR, null, false);

    assertThat(result.renewed()).containsExactly("mgmt", "relay-1");
    assertThat(result.skipped())
        .isEqualTo(Map.of("agent-1", Rollover.ENROLLED, "laptop-1", Rollover.ENROLLED));
    assertThat(ca.privateKey("laptop-1")).doesNotExist();
    assertThat(Files.readAllBytes(ca.certificate("laptop-1"))).isEqualTo(enrolled);
  }

  @Test
  void renew_pkcs12WithoutPassword_isRefusedBeforeAnythingChanges() throws Exception {
    new Issuance(pki.directory())
        .issue(IssueRequest.of(Role.AGENT, "laptop"), "pw".toCharArray(), false);
    byte[] root = Files.readAllBytes(pki.directory().caCertificate());

    assertThatThrownBy(() -> new Rollover(pki.directory()).renew(false, YEAR, YEAR, null, false))
        .hasMessage(
            pki.directory().pkcs12("laptop")
                + ": exists, so a password is needed to make the renewed one");
    assertThat(Files.readAllBytes(pki.directory().caCertificate())).isEqualTo(root);
    assertThat(pki.directory().previous()).doesNotExist();

    new Rollover(pki.directory()).renew(false, YEAR, YEAR, "pw".toCharArray(), false);
    Credential renewed = Pkcs12Files.read(pki.directory().pkcs12("laptop"), "pw".toCharArray());
    renewed.certificate().verify(pki.authority().certificate().getPublicKey());
  }

  @Test
  void revoke_duringRollover_revokesTheOldAndNewCertificateInTheirRootsCrls() throws Exception {
    new Rollover(pki.directory()).renew(false, YEAR, YEAR, null, false);
    CaDirectory previous = new CaDirectory(pki.directory().previous(), Clock.systemUTC());

    List<X509Certificate> revoked = new Revocation(pki.directory()).revoke("mgmt");

    assertThat(revoked)
        .containsExactly(
            certificate(pki.directory().certificate("mgmt")),
            certificate(previous.certificate("mgmt")));
    TrustMaterial agent =
        TrustMaterial.load(
            TrustFiles.trusting(pki.directory().trustBundle())
                .withIdentity(
                    pki.directory().certificate("agent-1"), pki.directory().privateKey("agent-1"))
                .withCrl(pki.directory().crl()));
    for (CaDirectory side : List.of(pki.directory(), previous)) {
      assertThat(
              handshake(identity(side, "mgmt", pki.directory().trustBundle()), agent)
                  .failureMessages())
          .contains(
              "\"CN=mgmt,O=Relay Agent Tests\" refused: revoked (CRL " + pki.directory().crl());
    }
  }

  /** The agent's side of a handshake between a server and an agent expecting a server. */
  private static Outcome handshake(TrustMaterial server, TrustMaterial agent) throws Exception {
    SslContext serverContext = TlsContexts.forServer(server, Role.AGENT);
    SslContext agentContext = TlsContexts.forClient(agent, Role.SERVER);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer echo = bed.echoServer(serverContext);
      TlsTestbed.Client client =
          bed.connect(
              echo.port(),
              ch -> agentContext.newHandler(ch.alloc(), TlsTestbed.LOOPBACK, echo.port()));
      Outcome outcome = client.handshake();
      if (outcome.succeeded()) {
        Outcome serverSide = echo.nextHandshake();
        return serverSide.succeeded() ? outcome : serverSide;
      }
      return outcome;
    }
  }

  private static TrustMaterial identity(CaDirectory ca, String name, Path trusted)
      throws TrustFileException {
    return TrustMaterial.load(
        TrustFiles.trusting(trusted).withIdentity(ca.certificate(name), ca.privateKey(name)));
  }

  private static TrustMaterial withIdentityOf(TrustMaterial trust, TrustMaterial identity) {
    return TrustMaterial.of(
        trust.trustedRoots(), identity.identity().orElseThrow(), List.of(), null);
  }

  private static X509Certificate certificate(Path file) throws TrustFileException {
    return PemFiles.readCertificates(file).get(0);
  }
}
