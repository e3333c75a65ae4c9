package io.relayagent.mesh.discovery;

import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.SignatureVerifier;
import io.relayagent.trust.TrustFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Offer signers for relays and the agents' authenticator, over an organisation's LoopbackPki. */
final class DiscoveryTrust {
  private final LoopbackPki pki;

  DiscoveryTrust(Path dir, String organisation) throws TrustFileException {
    pki = LoopbackPki.create(dir, "CN=" + organisation + ",O=Relay Agent tests");
  }

  /** The signer of relay {@code relayId}, whose certificate is issued at the first call. */
  TrustOfferSigner signer(String relayId) throws TrustFileException {
    if (!Files.exists(pki.directory().certificate(relayId))) {
      pki.issue(Role.RELAY, relayId);
    }
    return new TrustOfferSigner(pki.material(relayId));
  }

  /** The signer of a relay whose certificate expired days ago. */
  TrustOfferSigner expiredSigner(String relayId) throws TrustFileException {
    pki.issue(
        IssueRequest.of(Role.RELAY, relayId)
            .withNotBefore(Instant.now().minus(Duration.ofDays(10)))
            .withValidity(Duration.ofDays(1)));
    return new TrustOfferSigner(pki.material(relayId));
  }

  /** What agents check offers with: the organisation's CA, now. */
  OfferAuthenticator authenticator() throws TrustFileException {
    return new TrustOfferAuthenticator(
        new SignatureVerifier(new ChainVerifier(pki.trustOnly(), Clock.systemUTC())));
  }
}
