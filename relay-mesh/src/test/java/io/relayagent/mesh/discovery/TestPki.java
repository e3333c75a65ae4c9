package io.relayagent.mesh.discovery;

import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.Credential;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import io.relayagent.trust.SignatureVerifier;
import io.relayagent.trust.TrustMaterial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An organisation CA made in memory, with real certificates for relays and agents. */
final class TestPki {
  final CertificateAuthority ca;

  TestPki(String name) {
    ca =
        CertificateAuthority.createRoot(
            "CN=" + name + ",O=Relay Agent tests",
            KeyAlgorithm.P256,
            Duration.ofDays(30),
            Clock.systemUTC());
  }

  TrustMaterial relay(String relayId) {
    return material(ca.issue(IssueRequest.of(Role.RELAY, relayId)));
  }

  TrustMaterial relay(IssueRequest request) {
    return material(ca.issue(request));
  }

  TrustMaterial agentTrust() {
    return TrustMaterial.of(List.of(ca.certificate()), null, List.of(), null);
  }

  OfferAuthenticator authenticator() {
    return new TrustOfferAuthenticator(
        new SignatureVerifier(new ChainVerifier(agentTrust(), Clock.systemUTC())));
  }

  TrustOfferSigner signer(String relayId) {
    return new TrustOfferSigner(relay(relayId));
  }

  TrustOfferSigner expiredSigner(String relayId) {
    return new TrustOfferSigner(
        relay(
            IssueRequest.of(Role.RELAY, relayId)
                .withNotBefore(Instant.now().minus(Duration.ofDays(10)))
                .withValidity(Duration.ofDays(1))));
  }

  private TrustMaterial material(Credential credential) {
    return TrustMaterial.of(List.of(ca.certificate()), credential, List.of(), null);
  }
}
