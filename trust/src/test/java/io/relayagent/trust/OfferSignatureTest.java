package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery offers signed by a relay's key and checked against its certificate. */
class OfferSignatureTest {
  private static final byte[] OFFER = "offer nonce=42 port=8083".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  @TempDir Path foreignDir;
  private LoopbackPki pki;
  private SignatureVerifier verifier;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.ca(dir).issue(Role.RELAY, "relay-1").issue(Role.AGENT, "agent-1");
    verifier = new SignatureVerifier(new ChainVerifier(pki.material("agent-1"), Clock.systemUTC()));
  }

  @Test
  void offerSignedByRelay_verifiesWithItsCertificate() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    byte[] signature = OfferSigner.of(relay).sign(OFFER);

    assertThat(verifier.verify(OFFER, signature, relay.identity().orElseThrow().chain()))
        .isEqualTo(relay.identity().orElseThrow().certificate());
  }

  @Test
  void sign_withPrecomputedNonces_verifiesAndTakesOneNonceEach() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    OfferSigner signer = OfferSigner.of(relay);
    assertThat(signer.precompute(3)).isEqualTo(3);

    byte[] first = signer.sign(OFFER);
    byte[] second = signer.sign(OFFER);

    assertThat(signer.precomputed()).isEqualTo(1);
    X509Certificate certificate = relay.identity().orElseThrow().certificate();
    verifier.verifySignature(OFFER, first, certificate);
    verifier.verifySignature(OFFER, second, certificate);
    assertThat(first).as("a nonce is never used twice").isNotEqualTo(second);
  }

  @Test
  void sign_poolEmptied_signsAsUsual() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    OfferSigner signer = OfferSigner.of(relay);
    signer.precompute(1);
    signer.sign(OFFER);

    byte[] withoutPool = signer.sign(OFFER);

    assertThat(signer.precomputed()).isZero();
    verifier.verifySignature(OFFER, withoutPool, relay.identity().orElseThrow().certificate());
  }

  @Test
  void sign_p384KeyWithPrecomputedNonce_isStillSha256WithEcdsa() throws Exception {
    Credential relay =
        pki.authority()
            .issue(IssueRequest.of(Role.RELAY, "relay-384").withKeyAlgorithm(KeyAlgorithm.P384));
    OfferSigner signer = new OfferSigner(relay.privateKey());
    signer.precompute(1);

    byte[] signature = signer.sign(OFFER);

    java.security.Signature check = java.security.Signature.getInstance("SHA256withECDSA");
    check.initVerify(relay.certificate().getPublicKey());
    check.update(OFFER);
    assertThat(check.verify(signature)).as("checked by the JDK's own provider").isTrue();
  }

  @Test
  void alteredOffer_isRefusedNamingTheRelay() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    byte[] signature = OfferSigner.of(relay).sign(OFFER);
    byte[] altered = OFFER.clone();
    altered[altered.length - 1] ^= 1;

    assertThatThrownBy(
            () -> verifier.verify(altered, signature, relay.identity().orElseThrow().chain()))
        .isInstanceOf(SignatureException.class)
        .hasMessage(
            "the offer signature does not verify with the key of \"CN=relay-1,O=Relay Agent"
                + " Tests\"");
    assertThatThrownBy(
            () -> verifier.verify(OFFER, new byte[] {1, 2, 3}, relay.identity().get().chain()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void keyOf_checksTheRelaysLaterOffersAsTheVerifierDoes() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    OfferSigner signer = OfferSigner.of(relay);
    SignatureKey key = verifier.keyOf(relay.identity().orElseThrow().certificate());
    byte[] altered = OFFER.clone();
    altered[0] ^= 1;
    byte[] signature = signer.sign(OFFER);

    for (int i = 0; i < 3; i++) { // the first check and those with the key's precomputation
      key.verify(OFFER, signer.sign(OFFER), "offer");
    }
    assertThatThrownBy(() -> key.verify(altered, signature, "offer"))
        .isInstanceOf(SignatureException.class)
        .hasMessage(
            "the offer signature does not verify with the key of \"CN=relay-1,O=Relay Agent"
                + " Tests\"");
    assertThatThrownBy(() -> key.verify(OFFER, new byte[] {1, 2, 3}, "offer"))
        .isInstanceOf(SignatureException.class);
    byte[] trailing = java.util.Arrays.copyOf(signature, signature.length + 1);
    assertThatThrownBy(() -> key.verify(OFFER, trailing, "offer"))
        .as("only the one DER encoding of a signature")
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void warmUp_runsWithoutThrowing_andLeavesTheVerifierAsItWas() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    byte[] signature = OfferSigner.of(relay).sign(OFFER);

    verifier.warmUp();

    assertThat(verifier.verify(OFFER, signature, relay.identity().orElseThrow().chain()))
        .isEqualTo(relay.identity().orElseThrow().certificate());
  }

  @Test
  void offerSignedWithAnAgentKey_isRefusedBecauseOnlyRelaysMayOffer() throws Exception {
    TrustMaterial agent = pki.material("agent-1");
    byte[] signature = new OfferSigner(agent.identity().orElseThrow().privateKey()).sign(OFFER);

    assertThatThrownBy(() -> OfferSigner.of(agent)).hasMessageContaining("is not a relay");
    assertThatThrownBy(
            () -> verifier.verify(OFFER, signature, agent.identity().orElseThrow().chain()))
        .isInstanceOf(CertificateRejectedException.class)
        .hasMessageEndingWith("lacks extended key usage serverAuth required of a relay");
  }

  @Test
  void offerFromRelayOfAnotherCa_isRefusedAsUntrusted() throws Exception {
    Credential rogue =
        LoopbackPki.create(foreignDir, "CN=Rogue CA")
            .authority()
            .issue(IssueRequest.of(Role.RELAY, "relay-1"));
    byte[] signature = new OfferSigner(rogue.privateKey()).sign(OFFER);

    assertThatThrownBy(() -> verifier.verify(OFFER, signature, rogue.chain()))
        .isInstanceOf(CertificateRejectedException.class)
        .hasMessage(
            "certificate \"CN=relay-1\" refused: not issued by a trusted CA (issuer \"CN=Rogue"
                + " CA\")");
  }

  @Test
  void offerFromRevokedRelay_isRefused() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    byte[] signature = OfferSigner.of(relay).sign(OFFER);
    new Revocation(pki.directory()).revoke("relay-1");
    SignatureVerifier withCrl =
        new SignatureVerifier(
            new ChainVerifier(TestHosts.withCrl(pki, "agent-1"), Clock.systemUTC()));

    assertThatThrownBy(
            () -> withCrl.verify(OFFER, signature, List.copyOf(relay.identity().get().chain())))
        .hasMessageContaining("revoked (CRL " + pki.directory().crl() + ")");
  }
}
