package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.trust.CertificateRejectedException.Reason;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's decisions, with the clock set to the moment each case needs. */
class ChainVerifierTest {
  @TempDir Path dir;
  @TempDir Path otherDir;
  private LoopbackPki pki;
  private TrustMaterial trust;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.all(dir);
    trust =
        TrustMaterial.load(
            TrustFiles.trusting(pki.directory().caCertificate()).withCrl(pki.directory().crl()));
  }

  @Test
  void verify_certificateOfEachRole_isAcceptedForThatRole_andThePathEndsAtTheRoot()
      throws Exception {
    ChainVerifier verifier = new ChainVerifier(trust, Clock.systemUTC());
    List<X509Certificate> server = chain("mgmt");

    List<X509Certificate> path = verifier.verify(server, Role.SERVER);

    assertThat(path).hasSize(2).last().isEqualTo(pki.authority().certificate());
    verifier.verify(chain("relay-1"), Role.RELAY);
    verifier.verify(chain("agent-1"), Role.AGENT);
  }

  @Test
  void verify_relayCertificate_isAcceptedAsAnAgent_becauseEveryRelayIsAnAgent() throws Exception {
    new ChainVerifier(trust, Clock.systemUTC()).verify(chain("relay-1"), Role.AGENT);
  }

  @Test
  void verify_afterNotAfter_isRefusedAsExpiredOnThatDate() throws Exception {
    List<X509Certificate> agent = chain("agent-1");
    Instant notAfter = agent.get(0).getNotAfter().toInstant();
    ChainVerifier verifier = new ChainVerifier(trust, at(notAfter.plusSeconds(1)));

    assertThatThrownBy(() -> verifier.verify(agent, Role.AGENT))
        .isInstanceOfSatisfying(
            CertificateRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
              assertThat(e.subject()).isEqualTo("CN=agent-1,O=Relay Agent Tests");
            })
        .hasMessage(
            "certificate \"CN=agent-1,O=Relay Agent Tests\" refused: expired on "
                + notAfter.truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void verify_beforeNotBefore_isRefusedAsNotYetValid() throws Exception {
    List<X509Certificate> agent = chain("agent-1");
    Instant notBefore = agent.get(0).getNotBefore().toInstant();
    ChainVerifier verifier = new ChainVerifier(trust, at(notBefore.minusSeconds(1)));

    assertThatThrownBy(() -> verifier.verify(agent, Role.AGENT))
        .hasMessageContaining("CN=agent-1")
        .hasMessageContaining("not valid before " + notBefore);
  }

  @Test
  void verify_afterTheRootExpired_isRefusedNamingTheRoot() throws Exception {
    Instant rootEnd = pki.authority().certificate().getNotAfter().toInstant();
    ChainVerifier verifier = new ChainVerifier(trust, at(rootEnd.plus(Duration.ofDays(1))));

    assertThatThrownBy(() -> verifier.verify(chain("agent-1"), Role.AGENT))
        .hasMessageContaining("CN=agent-1")
        .hasMessageContaining("expired on");
    // The leaf's validity was capped at the root's: it cannot outlive what vouches for it.
    assertThat(chain("agent-1").get(0).getNotAfter())
        .isBeforeOrEqualTo(pki.authority().certificate().getNotAfter());
  }

  @Test
  void verify_revokedCertificate_isRefusedNamingTheCrlFile() throws Exception {
    new Revocation(pki.directory()).revoke("relay-1");
    TrustMaterial withCrl =
        TrustMaterial.load(
            TrustFiles.trusting(pki.directory().caCertificate()).withCrl(pki.directory().crl()));

    assertThatThrownBy(
            () ->
                new ChainVerifier(withCrl, Clock.systemUTC()).verify(chain("relay-1"), Role.RELAY))
        .isInstanceOfSatisfying(
            CertificateRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED))
        .hasMessageContaining(
            "\"CN=relay-1,O=Relay Agent Tests\" refused: revoked (CRL "
                + pki.directory().crl()
                + ") on ");
    new ChainVerifier(withCrl, Clock.systemUTC()).verify(chain("agent-1"), Role.AGENT);
  }

  @Test
  void verify_eachWrongRole_isRefusedWithTheMissingUsage() throws Exception {
    ChainVerifier verifier = new ChainVerifier(trust, Clock.systemUTC());

    assertThatThrownBy(() -> verifier.verify(chain("mgmt"), Role.AGENT))
        .hasMessageEndingWith("lacks extended key usage clientAuth required of an agent");
    assertThatThrownBy(() -> verifier.verify(chain("agent-1"), Role.RELAY))
        .hasMessageEndingWith("lacks extended key usage serverAuth required of a relay");
    assertThatThrownBy(() -> verifier.verify(chain("mgmt"), Role.RELAY))
        .hasMessageEndingWith("lacks extended key usage clientAuth required of a relay");
    assertThatThrownBy(() -> verifier.verify(chain("relay-1"), Role.SERVER))
        .hasMessageEndingWith(
            "is the certificate of a relay (extended key usage clientAuth), not of a server");
    assertThatThrownBy(() -> verifier.verify(List.of(pki.authority().certificate()), Role.SERVER))
        .hasMessageEndingWith("is a CA certificate, not the certificate of a server");
  }

  @Test
  void verify_certificateOfAnotherCaWithTheSameName_isRefusedAsUntrusted() throws Exception {
    // Same root name, other key: only the signature tells them apart.
    Credential forged =
        TestHosts.ca(otherDir).authority().issue(IssueRequest.of(Role.SERVER, "mgmt"));

    assertThatThrownBy(
            () -> new ChainVerifier(trust, Clock.systemUTC()).verify(forged.chain(), Role.SERVER))
        .isInstanceOfSatisfying(
            CertificateRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER))
        .hasMessageContaining("not issued by a trusted CA (issuer \"" + TestHosts.ROOT_SUBJECT);
  }

  @Test
  void verify_sameChainAgain_remembersItsIssuerSignatureOnce() throws Exception {
    ChainVerifier verifier = new ChainVerifier(trust, Clock.systemUTC());

    verifier.verify(chain("agent-1"), Role.AGENT);
    verifier.verify(chain("agent-1"), Role.AGENT);
    assertThat(verifier.rememberedSignatures()).isEqualTo(1);

    verifier.verify(chain("relay-1"), Role.RELAY);
    assertThat(verifier.rememberedSignatures()).isEqualTo(2);
  }

  @Test
  void verify_forgedCertificateAfterTheGenuineOnePassed_isStillRefused() throws Exception {
    ChainVerifier verifier = new ChainVerifier(trust, Clock.systemUTC());
    verifier.verify(chain("mgmt"), Role.SERVER);
    // Same subject, same issuer name, another CA's key: only the signature tells them apart.
    Credential forged =
        TestHosts.ca(otherDir).authority().issue(IssueRequest.of(Role.SERVER, "mgmt"));

    assertThatThrownBy(() -> verifier.verify(forged.chain(), Role.SERVER))
        .isInstanceOfSatisfying(
            CertificateRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER));
  }

  @Test
  void verify_revokedAfterItsSignatureWasRemembered_isRefused() throws Exception {
    AtomicReference<TrustMaterial> inForce = new AtomicReference<>(trust);
    ChainVerifier verifier = new ChainVerifier(inForce::get, Clock.systemUTC());
    verifier.verify(chain("agent-1"), Role.AGENT);

    new Revocation(pki.directory()).revoke("agent-1");
    inForce.set(
        TrustMaterial.load(
            TrustFiles.trusting(pki.directory().caCertificate()).withCrl(pki.directory().crl())));

    assertThatThrownBy(() -> verifier.verify(chain("agent-1"), Role.AGENT))
        .isInstanceOfSatisfying(
            CertificateRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REVOKED));
  }

  @Test
  void verify_afterTheCaKeyChanged_checksTheSignatureAgainstTheNewKey() throws Exception {
    AtomicReference<TrustMaterial> inForce = new AtomicReference<>(trust);
    ChainVerifier verifier = new ChainVerifier(inForce::get, Clock.systemUTC());
    verifier.verify(chain("agent-1"), Role.AGENT);

    // The site now trusts another CA of the same name only: the remembered check was for the old
    // CA's key and does not carry over.
    inForce.set(
        TrustMaterial.load(
            TrustFiles.trusting(TestHosts.ca(otherDir).directory().caCertificate())));

    assertThatThrownBy(() -> verifier.verify(chain("agent-1"), Role.AGENT))
        .isInstanceOfSatisfying(
            CertificateRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER));
  }

  @Test
  void verify_noCertificate_isRefused() {
    assertThatThrownBy(
            () -> new ChainVerifier(trust, Clock.systemUTC()).verify(List.of(), Role.AGENT))
        .hasMessage("certificate \"(none)\" refused: no certificate was presented");
  }

  private List<X509Certificate> chain(String name) throws TrustFileException {
    return PemFiles.readCertificates(pki.directory().certificate(name));
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
