package io.relayagent.trust;

import java.security.PrivateKey;

/**
 * Signs discovery offers with the relay's private key, so that agents can tell a relay of the
 * organisation from any host on the LAN that answers a broadcast.
 */
public final class OfferSigner {
  /** ECDSA with SHA-256 whatever the curve: a signature agents of every version can check. */
  public static final String ALGORITHM = EcdsaSignatures.ALGORITHM;

  private final PrivateKey relayKey;

  public OfferSigner(PrivateKey relayKey) {
    if (!"EC".equals(relayKey.getAlgorithm())) {
      throw new IllegalArgumentException(
          "offers are signed with EC keys, not " + relayKey.getAlgorithm());
    }
    this.relayKey = relayKey;
  }

  /** The signer of a relay whose material holds its certificate and key. */
  public static OfferSigner of(TrustMaterial relayMaterial) {
    return of(
        relayMaterial
            .identity()
            .orElseThrow(
                () -> new IllegalArgumentException("a relay needs its certificate and key")));
  }

  /** The signer of a relay's certificate and key. */
  public static OfferSigner of(Credential identity) {
    if (Role.of(identity.certificate()).orElse(null) != Role.RELAY) {
      throw new IllegalArgumentException(
          Names.subject(identity.certificate()) + " is not a relay certificate");
    }
    return new OfferSigner(identity.privateKey());
  }

  /** A DER-encoded ECDSA signature of {@code data}. */
  public byte[] sign(byte[] data) {
    return EcdsaSignatures.sign(relayKey, data, "offer");
  }
}
